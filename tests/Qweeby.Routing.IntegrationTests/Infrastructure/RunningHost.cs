using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Qweeby.Routing.Hosting;

namespace Qweeby.Routing.IntegrationTests.Infrastructure;

/// <summary>A real host (routing or admin) on a free loopback port, with a channel to it.</summary>
public sealed class RunningHost : IAsyncDisposable
{
    private RunningHost(WebApplication app)
    {
        App = app;
        Address = app.BoundAddress();
        Channel = GrpcChannel.ForAddress(Address);
    }

    public WebApplication App { get; }
    public Uri Address { get; }
    public GrpcChannel Channel { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<RunningHost> StartAsync(
        Func<string[], Action<WebApplicationBuilder>?, WebApplication> build,
        TestDatabase database,
        string keyPrefix,
        IEnumerable<string>? extraArgs = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        string[] args =
        [
            "--Endpoint:Url=http://127.0.0.1:0",
            $"--ConnectionStrings:Postgres={database.ConnectionString}",
            $"--ConnectionStrings:Redis={TestEnvironment.Redis}",
            $"--Cache:KeyPrefix={keyPrefix}",
            "--Logging:LogLevel:Default=Warning",
            .. extraArgs ?? [],
        ];
        var app = build(args, configure);
        await app.StartAsync();
        return new RunningHost(app);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
