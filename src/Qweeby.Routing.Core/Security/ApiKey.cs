using System.Security.Cryptography;

namespace Qweeby.Routing.Core.Security;

/// <summary>A stored API key: everything but its secret, of which only the SHA-256 is kept.</summary>
public sealed record ApiKey(
    string KeyId,
    string Name,
    IReadOnlyList<Role> Roles,
    EntityScope Scope,
    byte[] SecretHash,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? RevokedAt)
{
    public static string CallerIdOf(string keyId) => $"key:{keyId}";

    public string CallerId => CallerIdOf(KeyId);

    /// <summary>The caller this key authenticates, whether or not it is revoked.</summary>
    public Caller ToCaller() => new(CallerId, Name, CallerKind.ApiKey, Roles, Scope);

    /// <summary>
    /// Why a presented token is refused (a <see cref="SecurityReasons"/> reason), or null when it is
    /// accepted: the secret is compared first, in constant time, then revocation, then roles the rules no longer allow.
    /// </summary>
    public string? Refusal(ApiKeyToken token)
    {
        if (token.KeyId != KeyId || !CryptographicOperations.FixedTimeEquals(token.SecretHash(), SecretHash))
            return SecurityReasons.CredentialsInvalid;
        // Revocation is told only to whoever holds the secret: others learn nothing about the key.
        if (RevokedAt is not null)
            return SecurityReasons.CredentialsRevoked;
        return CredentialRules.ScopedRolesOfAnOperatorKey(Roles).Count > 0 ? SecurityReasons.CredentialsNotAllowed : null;
    }
}
