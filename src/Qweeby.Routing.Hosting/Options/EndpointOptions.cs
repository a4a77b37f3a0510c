namespace Qweeby.Routing.Hosting.Options;

/// <summary>The <c>Endpoint</c> section: the address the host's gRPC endpoint listens on.</summary>
public sealed class EndpointOptions
{
    public const string Section = "Endpoint";

    /// <summary>
    /// <c>http://host:port</c> (HTTP/2 without TLS, for loopback and behind a TLS-terminating proxy)
    /// or <c>https://host:port</c>. Port 0 picks a free port.
    /// </summary>
    public string? Url { get; set; }
}
