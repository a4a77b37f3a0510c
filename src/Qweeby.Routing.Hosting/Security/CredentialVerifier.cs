using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Qweeby.Routing.Core.Security;
using Qweeby.Routing.Data.Security;
using Qweeby.Routing.Hosting.Options;

namespace Qweeby.Routing.Hosting.Security;

/// <summary>
/// Turns a presented API key or client certificate into a <see cref="Caller"/> or a refusal. What it
/// reads from Postgres is kept for <c>Security:CredentialCacheSeconds</c> (5 s by default), so the hot
/// path reads no table; a revocation or suspension therefore takes effect within that time on every host.
/// The secret itself is checked on every call against the cached hash.
/// </summary>
internal sealed class CredentialVerifier
{
    private const int MaxCachedCredentials = 50_000;
    private readonly ApiKeyStore _keys;
    private readonly ServiceProviderCredentialStore _providers;
    private readonly ClientCertificateTrust _trust;
    private readonly ExpiringCache<VerifiedKey?> _keyCache;
    private readonly ExpiringCache<AuthenticationOutcome> _certificateCache;

    public CredentialVerifier(ApiKeyStore keys, ServiceProviderCredentialStore providers, ClientCertificateTrust trust,
        IOptions<SecurityOptions> options, TimeProvider time)
    {
        _keys = keys;
        _providers = providers;
        _trust = trust;
        var lifetime = TimeSpan.FromSeconds(options.Value.CredentialCacheSeconds);
        _keyCache = new(time, lifetime, MaxCachedCredentials);
        _certificateCache = new(time, lifetime, MaxCachedCredentials);
    }

    public async Task<AuthenticationOutcome> AuthenticateAsync(ApiKeyToken token)
    {
        var known = await _keyCache.GetOrLoadAsync(token.KeyId, LoadKeyAsync);
        if (known is null)
            return AuthenticationOutcome.Failure(SecurityReasons.CredentialsInvalid, ApiKey.CallerIdOf(token.KeyId));
        return known.Key.Refusal(token) is { } reason
            ? AuthenticationOutcome.Failure(reason, known.Caller.Id)
            : AuthenticationOutcome.Success(known.Caller);
    }

    public Task<AuthenticationOutcome> AuthenticateAsync(X509Certificate2 certificate) =>
        _certificateCache.GetOrLoadAsync(ClientCertificateTrust.Sha256Of(certificate), async sha256 =>
        {
            if (_trust.Problem(certificate) is { } problem)
                return AuthenticationOutcome.Failure(problem);
            var provider = await _providers.FindByCertificateAsync(sha256, CancellationToken.None);
            return provider?.Authenticate() ?? AuthenticationOutcome.Failure(SecurityReasons.CertificateUnknown);
        });

    // Loads are shared by concurrent callers, so no single caller's cancellation applies; Npgsql's command timeout bounds them.
    private async Task<VerifiedKey?> LoadKeyAsync(string keyId) =>
        await _keys.FindAsync(keyId, CancellationToken.None) is { } key ? new VerifiedKey(key, key.ToCaller()) : null;

    private sealed record VerifiedKey(ApiKey Key, Caller Caller);
}
