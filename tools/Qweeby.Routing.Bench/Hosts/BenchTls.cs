using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Qweeby.Routing.Server.Exchange;

namespace Qweeby.Routing.Bench.Hosts;

/// <summary>
/// The certificates two access points need to exchange invoices and statuses over mutual TLS, made at run time
/// and written as PEM files: an authority, the access points' server certificate (127.0.0.1) and a client
/// certificate for each, which the other knows by its SHA-256.
/// </summary>
public sealed class BenchTls : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"qweeby-bench-tls-{Guid.NewGuid():N}");
    private readonly ECDsa _authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 _authority;

    public BenchTls()
    {
        System.IO.Directory.CreateDirectory(_folder);
        var request = new CertificateRequest("CN=Qweeby Bench CA", _authorityKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        _authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        File.WriteAllText(Path.Combine(_folder, "ca.pem"), _authority.ExportCertificatePem());

        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        using var server = Issue("CN=localhost", "1.3.6.1.5.5.7.3.1", san.Build());
        Write(server, "server");
        ClientCertificate = Issue("CN=bench-a", "1.3.6.1.5.5.7.3.2", null);
        Write(ClientCertificate, "client");
        ClientCertificateB = Issue("CN=bench-b", "1.3.6.1.5.5.7.3.2", null);
        Write(ClientCertificateB, "client-b");
    }

    /// <summary>Access point A's certificate (DER), as B's directory registers it.</summary>
    public X509Certificate2 ClientCertificate { get; }

    /// <summary>Access point B's, as A's directory registers it (B sends lifecycle statuses back to A).</summary>
    public X509Certificate2 ClientCertificateB { get; }

    /// <summary>For a client of an access point's https endpoint: its server certificate is checked against the authority.</summary>
    public SocketsHttpHandler TrustingHandler()
    {
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
        var authorities = new X509Certificate2Collection(_authority);
        handler.SslOptions.RemoteCertificateValidationCallback = (_, server, _, errors) => PartnerChannels.IssuedByPartnerAuthority(server, errors, authorities);
        return handler;
    }

    /// <summary>A client of a partner's endpoint with access point A's client certificate (mutual TLS), checking the server as <see cref="TrustingHandler"/> does.</summary>
    public SocketsHttpHandler PartnerHandler()
    {
        var handler = TrustingHandler();
        handler.SslOptions.ClientCertificates = [ClientCertificate];
        return handler;
    }

    /// <summary>The access points' server certificate (127.0.0.1, localhost), with its key.</summary>
    public X509Certificate2 ServerCertificate() =>
        X509Certificate2.CreateFromPemFile(Path.Combine(_folder, "server.pem"), Path.Combine(_folder, "server.key"));

    /// <summary>An access point: https, partners' certificates asked for and chained to the authority.</summary>
    public IEnumerable<string> ServerArgs(string address) =>
    [
        $"--Endpoint:Url={address}",
        $"--Endpoint:CertificatePath={Path.Combine(_folder, "server.pem")}",
        $"--Endpoint:CertificateKeyPath={Path.Combine(_folder, "server.key")}",
        "--Endpoint:ClientCertificates=Allow",
        $"--Endpoint:ClientCertificateAuthorityPath={Path.Combine(_folder, "ca.pem")}",
    ];

    /// <summary>An access point's client certificate for partners (A's, or B's when <paramref name="b"/>), and the authority it trusts for their servers.</summary>
    public IEnumerable<string> ForwarderArgs(bool b = false) =>
    [
        $"--Exchange:ClientCertificatePath={Path.Combine(_folder, b ? "client-b.pem" : "client.pem")}",
        $"--Exchange:ClientCertificateKeyPath={Path.Combine(_folder, b ? "client-b.key" : "client.key")}",
        $"--Exchange:PartnerAuthorityPath={Path.Combine(_folder, "ca.pem")}",
    ];

    private X509Certificate2 Issue(string subject, string usage, X509Extension? san)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_authority, true, false));
        if (san is not null)
            request.CertificateExtensions.Add(san);
        using var issued = request.Create(_authority.SubjectName, X509SignatureGenerator.CreateForECDsa(_authorityKey),
            DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7), RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }

    private void Write(X509Certificate2 certificate, string name)
    {
        File.WriteAllText(Path.Combine(_folder, $"{name}.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_folder, $"{name}.key"), certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
    }

    public void Dispose()
    {
        ClientCertificate.Dispose();
        ClientCertificateB.Dispose();
        _authority.Dispose();
        _authorityKey.Dispose();
        System.IO.Directory.Delete(_folder, recursive: true);
    }
}
