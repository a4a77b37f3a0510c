namespace Qweeby.Routing.Hosting.Options;

/// <summary>The <c>Endpoint</c> section: the address the host's gRPC endpoint listens on, and its TLS.</summary>
public sealed class EndpointOptions
{
    public const string Section = "Endpoint";

    /// <summary>
    /// <c>http://host:port</c> (HTTP/2 without TLS, for loopback and behind a TLS-terminating proxy)
    /// or <c>https://host:port</c>. Port 0 picks a free port.
    /// </summary>
    public string? Url { get; set; }

    /// <summary>https only: the server certificate, a PEM file (with <see cref="CertificateKeyPath"/>) or a PKCS#12 file (.pfx, .p12).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key of a PEM <see cref="CertificatePath"/>.</summary>
    public string? CertificateKeyPath { get; set; }

    /// <summary>The password of a PKCS#12 <see cref="CertificatePath"/>, if any.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>https only: whether partners' client certificates are asked for. Default <see cref="Options.ClientCertificates.None"/>.</summary>
    public ClientCertificates ClientCertificates { get; set; }

    /// <summary>
    /// Optional PEM file of the certificate authorities partner certificates must chain to. Without it a
    /// certificate is trusted by its registered SHA-256 alone (pinning), within its validity dates.
    /// </summary>
    public string? ClientCertificateAuthorityPath { get; set; }
}
