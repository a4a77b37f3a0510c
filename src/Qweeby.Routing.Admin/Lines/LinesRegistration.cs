using Qweeby.Routing.Data.Addressing;

namespace Qweeby.Routing.Admin.Lines;

public static class LinesRegistration
{
    public static WebApplicationBuilder AddDirectoryLines(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DirectoryLineReader>();
        builder.Services.AddSingleton<DirectoryLineWriter>();
        builder.Services.AddSingleton<MirrorImport>();
        return builder;
    }
}
