using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Qweeby.Routing.IntegrationTests.Infrastructure;

/// <summary>
/// TLS for a test host: a run-time authority, a server certificate written as PEM files, and the
/// host settings for an https endpoint that asks partners for their client certificates.
/// </summary>
public sealed class TestTls : IDisposable
{
    private readonly string _folder;

    private TestTls(TestCertificateAuthority authority, string folder, bool trustClientAuthority)
    {
        Authority = authority;
        _folder = folder;
        using var server = authority.IssueServer();
        File.WriteAllText(ServerCertificatePath, server.ExportCertificatePem());
        File.WriteAllText(ServerKeyPath, server.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(AuthorityPath, authority.Certificate.ExportCertificatePem());
        TrustClientAuthority = trustClientAuthority;
    }

    public TestCertificateAuthority Authority { get; }

    /// <summary>Whether the host requires partner certificates to chain to <see cref="Authority"/> (else: pinning only).</summary>
    public bool TrustClientAuthority { get; }

    private string ServerCertificatePath => Path.Combine(_folder, "server.pem");
    private string ServerKeyPath => Path.Combine(_folder, "server.key");
    private string AuthorityPath => Path.Combine(_folder, "ca.pem");

    public static TestTls Create(bool trustClientAuthority = true)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"qweeby-tls-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return new TestTls(TestCertificateAuthority.Create("Qweeby Test CA"), folder, trustClientAuthority);
    }

    /// <summary>The host arguments: https on a free loopback port, client certificates allowed.</summary>
    public IEnumerable<string> HostArgs()
    {
        yield return "--Endpoint:Url=https://127.0.0.1:0";
        yield return $"--Endpoint:CertificatePath={ServerCertificatePath}";
        yield return $"--Endpoint:CertificateKeyPath={ServerKeyPath}";
        yield return "--Endpoint:ClientCertificates=Allow";
        if (TrustClientAuthority)
            yield return $"--Endpoint:ClientCertificateAuthorityPath={AuthorityPath}";
    }

    /// <summary>A handler trusting the test authority for the server, presenting <paramref name="clientCertificate"/> if given.</summary>
    public SocketsHttpHandler Handler(X509Certificate2? clientCertificate = null)
    {
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is X509Certificate2 server && Authority.Issued(server);
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        }
        return handler;
    }

    public void Dispose()
    {
        Authority.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
