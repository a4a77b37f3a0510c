using System.Security.Cryptography.X509Certificates;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Exchange;

/// <summary>
/// Access point A's forwarding credentials: a client certificate from the test authority (which B knows
/// by its SHA-256) and that authority as the only one A trusts for partners' servers, as PEM files.
/// </summary>
public sealed class PeerIdentity : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"qweeby-peer-{Guid.NewGuid():N}");

    public PeerIdentity(TestTls tls, string providerId)
    {
        System.IO.Directory.CreateDirectory(_folder);
        Certificate = tls.Authority.IssueClient($"{providerId}.test");
        File.WriteAllText(CertificatePath, Certificate.ExportCertificatePem());
        File.WriteAllText(KeyPath, Certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(AuthorityPath, tls.Authority.Certificate.ExportCertificatePem());
    }

    public X509Certificate2 Certificate { get; }

    private string CertificatePath => Path.Combine(_folder, "client.pem");
    private string KeyPath => Path.Combine(_folder, "client.key");
    private string AuthorityPath => Path.Combine(_folder, "partners-ca.pem");

    public IEnumerable<string> Args() =>
    [
        $"--Exchange:ClientCertificatePath={CertificatePath}",
        $"--Exchange:ClientCertificateKeyPath={KeyPath}",
        $"--Exchange:PartnerAuthorityPath={AuthorityPath}",
    ];

    public void Dispose()
    {
        Certificate.Dispose();
        System.IO.Directory.Delete(_folder, recursive: true);
    }
}
