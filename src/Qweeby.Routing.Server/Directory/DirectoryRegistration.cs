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
        // For the exchange: a supplier refused by a closed supplier directory is recorded as waiting for approval
        // (SupplierDirectoryStore.RecordAttemptAsync), which the receiver's administrators then see.
        builder.Services.AddSingleton<Data.Admin.AdminWrites>();
        builder.Services.AddSingleton<Data.Admin.SupplierDirectoryStore>();
        return builder;
    }
}
