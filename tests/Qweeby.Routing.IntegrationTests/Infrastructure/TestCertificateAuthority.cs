using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Qweeby.Routing.IntegrationTests.Infrastructure;

/// <summary>A certificate authority made at run time, issuing server and client certificates for TLS tests.</summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private readonly ECDsa _key;

    private TestCertificateAuthority(ECDsa key, X509Certificate2 certificate)
    {
        _key = key;
        Certificate = certificate;
    }

    public X509Certificate2 Certificate { get; }

    public static TestCertificateAuthority Create(string name)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return new TestCertificateAuthority(key, request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1)));
    }

    /// <summary>A server certificate for 127.0.0.1 and localhost.</summary>
    public X509Certificate2 IssueServer()
    {
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        return Issue("CN=localhost", "1.3.6.1.5.5.7.3.1", san.Build(), DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    /// <summary>A client certificate, valid from yesterday for a month unless said otherwise.</summary>
    public X509Certificate2 IssueClient(string commonName, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null) =>
        Issue($"CN={commonName}", "1.3.6.1.5.5.7.3.2", null,
            notBefore ?? DateTimeOffset.UtcNow.AddDays(-1), notAfter ?? DateTimeOffset.UtcNow.AddDays(30));

    /// <summary>Whether <paramref name="certificate"/> chains to this authority (for a client checking the server).</summary>
    public bool Issued(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    private X509Certificate2 Issue(string subject, string usage, X509Extension? san, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        if (san is not null)
            request.CertificateExtensions.Add(san);
        using var issued = request.Create(Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(_key), notBefore, notAfter,
            RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }

    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
    }
}
