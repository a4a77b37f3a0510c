using Qweeby.Routing.Data.Directory;

namespace Qweeby.Routing.Server.Directory;

public static class DirectoryRegistration
{
    /// <summary>Resolution and search over the cached directory.</summary>
    public static WebApplicationBuilder AddRecipientDirectory(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DirectoryFactsStore>();
        builder.Services.AddSingleton<Data.Addressing.DirectoryLineReader>();
        builder.Services.AddSingleton<RoutingFactsLoader>();
        builder.Services.AddSingleton<NameSearch>();
        builder.Services.AddSingleton<RecipientResolver>();
        builder.Services.AddSingleton<RecipientSearch>();
        return builder;
    }
}
