using Qweeby.Routing.Admin.Exchange;
using Qweeby.Routing.Admin.Lines;
using Qweeby.Routing.Data.Admin;
using Qweeby.Routing.Hosting;

namespace Qweeby.Routing.Admin;

/// <summary>The admin host: administrators and the CLI, on its own port. Program.cs's body, reusable by tests.</summary>
public static class AdminHost
{
    public const string ServiceName = "qweeby-admin";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddQweebyDefaults(ServiceName);
        builder.AddDirectoryAdministration();
        builder.Services.AddSingleton<ReplayStore>();
        builder.AddDirectoryLines();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapQweebyDefaults();
        app.MapDirectoryAdministration();
        app.MapGrpcService<ExchangeOperationsService>();
        app.MapGrpcService<DirectoryLinesService>();
        return app;
    }
}
