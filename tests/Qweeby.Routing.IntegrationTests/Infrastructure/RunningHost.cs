using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Qweeby.Routing.Hosting;

namespace Qweeby.Routing.IntegrationTests.Infrastructure;

/// <summary>A real host (routing or admin) on a free loopback port, with a channel to it.</summary>
public sealed class RunningHost : IAsyncDisposable
{
    private readonly TestTls? _tls;
    private readonly List<GrpcChannel> _channels = [];

    private RunningHost(WebApplication app, TestTls? tls)
    {
        App = app;
        _tls = tls;
        Address = app.BoundAddress();
        Channel = NewChannel(null);
    }

    public WebApplication App { get; }
    public Uri Address { get; }

    /// <summary>Without credentials: health answers, everything else is UNAUTHENTICATED.</summary>
    public GrpcChannel Channel { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>Calls carrying <c>authorization: Bearer {token}</c> (see <see cref="TestCredentials"/>), for any client: <c>new X.XClient(host.CallInvokerFor(token))</c>.</summary>
    public CallInvoker CallInvokerFor(string token) =>
        Channel.Intercept(metadata =>
        {
            metadata.Add("authorization", $"Bearer {token}");
            return metadata;
        });

    /// <summary>A TLS channel presenting <paramref name="clientCertificate"/>, as a partner access point connects. TLS hosts only.</summary>
    public GrpcChannel ChannelWith(X509Certificate2 clientCertificate) =>
        _tls is null ? throw new InvalidOperationException("Start the host with a TestTls to use client certificates.") : NewChannel(clientCertificate);

    /// <param name="tls">Serve https with these certificates, asking for client certificates.</param>
    /// <param name="map">Maps extra (test-only) services before the host starts.</param>
    public static async Task<RunningHost> StartAsync(
        Func<string[], Action<WebApplicationBuilder>?, WebApplication> build,
        TestDatabase database,
        string keyPrefix,
        IEnumerable<string>? extraArgs = null,
        Action<WebApplicationBuilder>? configure = null,
        TestTls? tls = null,
        Action<WebApplication>? map = null)
    {
        string[] args =
        [
            "--Endpoint:Url=http://127.0.0.1:0",
            $"--ConnectionStrings:Postgres={database.ConnectionString}",
            $"--ConnectionStrings:Redis={TestEnvironment.Redis}",
            $"--Cache:KeyPrefix={keyPrefix}",
            "--Logging:LogLevel:Default=Warning",
            .. tls?.HostArgs() ?? [],
            .. extraArgs ?? [],
        ];
        var app = build(args, configure);
        map?.Invoke(app);
        await app.StartAsync();
        return new RunningHost(app, tls);
    }

    private GrpcChannel NewChannel(X509Certificate2? clientCertificate)
    {
        var channel = _tls is null
            ? GrpcChannel.ForAddress(Address)
            : GrpcChannel.ForAddress(Address, new GrpcChannelOptions { HttpHandler = _tls.Handler(clientCertificate) });
        lock (_channels)
            _channels.Add(channel);
        return channel;
    }

    public async ValueTask DisposeAsync()
    {
        lock (_channels)
            _channels.ForEach(c => c.Dispose());
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
