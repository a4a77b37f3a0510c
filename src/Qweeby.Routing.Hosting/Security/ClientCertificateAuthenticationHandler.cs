using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Qweeby.Routing.Core.Security;

namespace Qweeby.Routing.Hosting.Security;

/// <summary>
/// The <c>ClientCertificate</c> scheme: the TLS client certificate of the connection, registered by its
/// SHA-256 to an active service provider, authenticates a partner access point (<see cref="Role.Partner"/>).
/// Kestrel lets any certificate through the handshake (see <see cref="EndpointTls"/>); this decides.
/// </summary>
internal sealed class ClientCertificateAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    CredentialVerifier verifier)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var certificate = Context.Connection.ClientCertificate;
        if (certificate is null)
            return AuthenticateResult.NoResult();
        var sha256 = ClientCertificateTrust.Sha256Of(certificate);
        try
        {
            return AuthenticationResults.From(Context, await verifier.AuthenticateAsync(certificate), Scheme.Name, sha256);
        }
        catch (NpgsqlException e)
        {
            Logger.LogWarning(e, "Could not look up client certificate {Sha256}: Postgres does not answer", sha256);
            return AuthenticationResults.Fail(Context, new CredentialFailure(SecurityReasons.CredentialStoreUnavailable, null, sha256));
        }
    }
}
