using Qweeby.Routing.Hosting;

namespace Qweeby.Routing.Server;

/// <summary>The routing host: partner access points and internal callers. Program.cs's body, reusable by tests.</summary>
public static class RoutingHost
{
    public const string ServiceName = "qweeby-routing";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddQweebyDefaults(ServiceName);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapQweebyDefaults();
        return app;
    }
}
