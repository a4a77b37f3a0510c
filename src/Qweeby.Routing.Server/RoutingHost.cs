using Qweeby.Routing.Hosting;
using Qweeby.Routing.Server.Directory;
using Qweeby.Routing.Server.Exchange;
using Qweeby.Routing.Server.Grpc;

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
        builder.AddRecipientDirectory();
        builder.AddExchange();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapQweebyDefaults();
        app.MapGrpcService<RecipientDirectoryService>();
        app.MapGrpcService<ExchangeService>();
        return app;
    }
}
