using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Qweeby.Routing.Hosting.Options;

namespace Qweeby.Routing.Hosting.Security;

/// <summary>The TLS of an https endpoint: its server certificate and whether client certificates are asked for.</summary>
internal static class EndpointTls
{
    public static HttpsConnectionAdapterOptions HttpsOptions(EndpointOptions endpoint) => new()
    {
        ServerCertificate = LoadServerCertificate(endpoint),
        ClientCertificateMode = endpoint.ClientCertificates switch
        {
            ClientCertificates.Allow => ClientCertificateMode.AllowCertificate,
            ClientCertificates.Require => ClientCertificateMode.RequireCertificate,
            _ => ClientCertificateMode.NoCertificate,
        },
        // Every certificate passes the handshake; the ClientCertificate authentication scheme decides.
        // A partner with a wrong certificate then gets UNAUTHENTICATED with a reason, and an audit row,
        // instead of a bare TLS failure it cannot diagnose.
        ClientCertificateValidation = (_, _, _) => true,
    };

    private static X509Certificate2 LoadServerCertificate(EndpointOptions endpoint) =>
        EndpointOptionsValidator.IsPkcs12(endpoint.CertificatePath!)
            ? X509CertificateLoader.LoadPkcs12FromFile(endpoint.CertificatePath!, endpoint.CertificatePassword)
            : X509Certificate2.CreateFromPemFile(endpoint.CertificatePath!, endpoint.CertificateKeyPath);
}
