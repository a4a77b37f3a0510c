using System.Collections.Concurrent;
using Grpc.Net.Client;

namespace Qweeby.Routing.Server.Exchange;

/// <summary>
/// One long-lived <see cref="GrpcChannel"/> per partner endpoint, shared by every forwarding loop: HTTP/2
/// connections are reused and multiplexed, and more are opened when one is full.
/// </summary>
public sealed class PartnerChannels : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<GrpcChannel>> _channels = new(StringComparer.Ordinal);

    /// <summary>False for an endpoint no channel can be made for (not an absolute http(s) URL).</summary>
    public static bool IsUsable(string endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    public GrpcChannel For(string endpoint) =>
        _channels.GetOrAdd(endpoint, e => new Lazy<GrpcChannel>(() => Create(e))).Value;

    private static GrpcChannel Create(string endpoint) => GrpcChannel.ForAddress(endpoint, new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        },
        // Receipts are small; documents go out whatever their size (the partner enforces its own limit).
        MaxReceiveMessageSize = 1024 * 1024,
        MaxSendMessageSize = null,
    });

    public void Dispose()
    {
        foreach (var channel in _channels.Values.Where(c => c.IsValueCreated))
            channel.Value.Dispose();
        _channels.Clear();
    }
}
