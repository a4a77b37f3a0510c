using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;

namespace Qweeby.Routing.Server.Exchange;

/// <summary>
/// One long-lived <see cref="GrpcChannel"/> per partner endpoint, shared by every batch being sent: HTTP/2
/// connections are reused and multiplexed, and more are opened when one is full. Over https the channel
/// presents this platform's client certificate (how partners authenticate us) and checks the partner's
/// server certificate against <see cref="ExchangeOptions.PartnerAuthorityPath"/> or the system roots.
/// </summary>
public sealed class PartnerChannels : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<GrpcChannel>> _channels = new(StringComparer.Ordinal);
    private readonly X509Certificate2? _clientCertificate;
    private readonly X509Certificate2Collection? _authorities;
    private readonly TimeSpan _reconnectBackoff;

    public PartnerChannels(IOptions<ExchangeOptions> options)
    {
        var o = options.Value;
        _reconnectBackoff = o.RetryInitialDelay;
        if (!string.IsNullOrWhiteSpace(o.ClientCertificatePath))
            _clientCertificate = IsPkcs12(o.ClientCertificatePath)
                ? X509CertificateLoader.LoadPkcs12FromFile(o.ClientCertificatePath, o.ClientCertificatePassword)
                : X509Certificate2.CreateFromPemFile(o.ClientCertificatePath, o.ClientCertificateKeyPath);
        if (!string.IsNullOrWhiteSpace(o.PartnerAuthorityPath))
        {
            _authorities = [];
            _authorities.ImportFromPemFile(o.PartnerAuthorityPath);
        }
    }

    /// <summary>False for an endpoint no channel can be made for (not an absolute http(s) URL).</summary>
    public static bool IsUsable(string endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    public static bool IsPkcs12(string path) =>
        path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase);

    public GrpcChannel For(string endpoint) =>
        _channels.GetOrAdd(endpoint, e => new Lazy<GrpcChannel>(() => Create(e))).Value;

    private GrpcChannel Create(string endpoint)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        };
        if (_clientCertificate is { } certificate)
        {
            handler.SslOptions.ClientCertificates = [certificate];
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate;
        }
        if (_authorities is { } authorities)
            handler.SslOptions.RemoteCertificateValidationCallback = (_, server, _, errors) => IssuedByPartnerAuthority(server, errors, authorities);
        return GrpcChannel.ForAddress(endpoint, new GrpcChannelOptions
        {
            HttpHandler = handler,
            // Receipts are small; documents go out whatever their size (the partner enforces its own limit).
            MaxReceiveMessageSize = 1024 * 1024,
            MaxSendMessageSize = null,
            // A channel that failed to connect fails calls at once until it reconnects; its own backoff
            // (up to two minutes by default) must not outlast the outbox's: a partner back up is tried
            // within one first retry delay.
            InitialReconnectBackoff = TimeSpan.FromTicks(Math.Min(_reconnectBackoff.Ticks, TimeSpan.FromSeconds(1).Ticks)),
            MaxReconnectBackoff = _reconnectBackoff,
        });
    }

    /// <summary>A server certificate that names the host asked for and chains to one of <paramref name="authorities"/> instead of the system's roots.</summary>
    public static bool IssuedByPartnerAuthority(X509Certificate? server, SslPolicyErrors errors, X509Certificate2Collection authorities)
    {
        // The name must match; the chain is judged against the configured authorities instead of the system's.
        if (server is not X509Certificate2 certificate || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    public void Dispose()
    {
        foreach (var channel in _channels.Values.Where(c => c.IsValueCreated))
            channel.Value.Dispose();
        _channels.Clear();
        _clientCertificate?.Dispose();
    }
}
