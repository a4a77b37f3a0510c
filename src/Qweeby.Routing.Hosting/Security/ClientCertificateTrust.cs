using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Qweeby.Routing.Core.Security;
using Qweeby.Routing.Hosting.Options;

namespace Qweeby.Routing.Hosting.Security;

/// <summary>
/// Whether a partner's client certificate may be looked up at all: within its validity dates and, when
/// <c>Endpoint:ClientCertificateAuthorityPath</c> is set, chaining to one of those authorities. Which
/// provider it is comes next, from its registered SHA-256 (pinning).
/// </summary>
internal sealed class ClientCertificateTrust
{
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");
    private readonly X509Certificate2Collection? _authorities;
    private readonly TimeProvider _time;

    public ClientCertificateTrust(IOptions<EndpointOptions> endpoint, TimeProvider time)
    {
        _time = time;
        if (endpoint.Value.ClientCertificateAuthorityPath is { Length: > 0 } path)
        {
            // EndpointOptionsValidator has checked at start that the file holds certificates.
            _authorities = [];
            _authorities.ImportFromPemFile(path);
        }
    }

    /// <summary>SHA-256 of the certificate's DER bytes, lowercase hex: the value registered in <c>service_provider.client_cert_sha256</c>.</summary>
    public static string Sha256Of(X509Certificate2 certificate) =>
        Convert.ToHexStringLower(SHA256.HashData(certificate.RawDataMemory.Span));

    /// <summary>Null when the certificate is trusted, else <see cref="SecurityReasons.CertificateUntrusted"/>.</summary>
    public string? Problem(X509Certificate2 certificate)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
            return SecurityReasons.CertificateUntrusted;
        if (_authorities is null)
            return null;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        // No CRL or OCSP for partner certificates: a certificate is withdrawn by suspending its provider
        // or registering another one, which takes effect within Security:CredentialCacheSeconds.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now;
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuthentication);
        return chain.Build(certificate) ? null : SecurityReasons.CertificateUntrusted;
    }
}
