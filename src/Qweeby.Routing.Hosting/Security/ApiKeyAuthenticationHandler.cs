using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Npgsql;
using Qweeby.Routing.Core.Security;

namespace Qweeby.Routing.Hosting.Security;

/// <summary>The <c>ApiKey</c> scheme: gRPC metadata <c>authorization: Bearer qk_&lt;key id&gt;_&lt;secret&gt;</c>.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    CredentialVerifier verifier)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    private const string Bearer = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderNames.Authorization, out var values))
            return AuthenticateResult.NoResult();
        var header = values.Count == 1 ? values[0] : null;
        if (header is null || !header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase)
            || !ApiKeyToken.TryParse(header[Bearer.Length..].Trim(), out var token))
            return AuthenticationResults.Fail(Context, new CredentialFailure(SecurityReasons.CredentialsInvalid, null, "not a bearer API key"));
        try
        {
            return AuthenticationResults.From(Context, await verifier.AuthenticateAsync(token), Scheme.Name);
        }
        catch (NpgsqlException e)
        {
            Logger.LogWarning(e, "Could not read API key {KeyId}: Postgres does not answer", token.KeyId);
            return AuthenticationResults.Fail(Context, new CredentialFailure(SecurityReasons.CredentialStoreUnavailable, ApiKey.CallerIdOf(token.KeyId)));
        }
    }
}
