using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Qweeby.Routing.Hosting;

namespace Qweeby.Routing.Bench.Hosts;

/// <summary>
/// A real host (routing or admin) in this process on a free loopback port; the load generator reaches it over
/// loopback HTTP/2 with Grpc.Net.Client like any other client. Every bench host has the same settings but
/// the cache lifetimes a scenario asks for, and a rate limit high enough never to throttle the bench.
/// </summary>
public sealed class BenchHost : IAsyncDisposable
{
    private BenchHost(WebApplication app)
    {
        App = app;
        Address = app.BoundAddress();
        // The default client settings, the same for every scenario and baseline: one HTTP/2 connection
        // (more open when 100 streams are in flight), no retries.
        Channel = GrpcChannel.ForAddress(Address);
    }

    public WebApplication App { get; }
    public Uri Address { get; }
    public GrpcChannel Channel { get; }
    public IServiceProvider Services => App.Services;

    public static async Task<BenchHost> StartAsync(
        Func<string[], Action<WebApplicationBuilder>?, WebApplication> build, BenchSettings settings, string keyPrefix, params string[] extra)
    {
        string[] args =
        [
            "--Endpoint:Url=http://127.0.0.1:0",
            $"--ConnectionStrings:Postgres={settings.Postgres}",
            $"--ConnectionStrings:Redis={settings.Redis}",
            $"--Cache:KeyPrefix={keyPrefix}",
            "--Database:MigrateOnStart=false",
            // The defaults (2,000/s per caller) would throttle the bench's single key: the limiter still runs.
            "--Limits:RequestsPerSecond=1000000",
            "--Limits:Burst=10000000",
            "--Logging:LogLevel:Default=Warning",
            .. extra,
        ];
        // Only the Submit scenario's access point A forwards invoices: the other routing hosts on its database would
        // otherwise claim its outbox rows too, without A's client certificate.
        if (!extra.Any(a => a.StartsWith("--Exchange:", StringComparison.Ordinal) || a.StartsWith("--Platform:", StringComparison.Ordinal)))
            args = [.. args, "--Exchange:Workers=0"];
        var app = build(args, null);
        await app.StartAsync();
        return new BenchHost(app);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
