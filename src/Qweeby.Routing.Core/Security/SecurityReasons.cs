namespace Qweeby.Routing.Core.Security;

/// <summary>
/// Stable <c>google.rpc.ErrorInfo</c> reasons (domain <c>routing.qweeby</c>) of refused calls, also
/// recorded in <c>security_event.reason</c>. Clients branch on these; never rename one.
/// </summary>
public static class SecurityReasons
{
    public const string Domain = "routing.qweeby";

    /// <summary>UNAUTHENTICATED: no <c>authorization</c> header and no client certificate.</summary>
    public const string CredentialsMissing = "CREDENTIALS_MISSING";

    /// <summary>UNAUTHENTICATED: not a well-formed bearer API key, an unknown key id, or a wrong secret.</summary>
    public const string CredentialsInvalid = "CREDENTIALS_INVALID";

    /// <summary>UNAUTHENTICATED: the API key was revoked.</summary>
    public const string CredentialsRevoked = "CREDENTIALS_REVOKED";

    /// <summary>UNAUTHENTICATED: the API key holds roles the rules no longer allow together (made before they did).</summary>
    public const string CredentialsNotAllowed = "CREDENTIALS_NOT_ALLOWED";

    /// <summary>UNAUTHENTICATED: the client certificate is registered to no service provider.</summary>
    public const string CertificateUnknown = "CERTIFICATE_UNKNOWN";

    /// <summary>UNAUTHENTICATED: the client certificate is expired, not yet valid, or not issued by the trusted authority.</summary>
    public const string CertificateUntrusted = "CERTIFICATE_UNTRUSTED";

    /// <summary>UNAUTHENTICATED: the certificate's service provider is suspended.</summary>
    public const string ProviderSuspended = "PROVIDER_SUSPENDED";

    /// <summary>PERMISSION_DENIED: the caller lacks the role the method needs.</summary>
    public const string RoleRequired = "ROLE_REQUIRED";

    /// <summary>PERMISSION_DENIED: the caller has the role, but not for this entity.</summary>
    public const string EntityOutOfScope = "ENTITY_OUT_OF_SCOPE";

    /// <summary>UNAVAILABLE: the host could not read credentials from Postgres; retry with backoff. Not a refusal.</summary>
    public const string CredentialStoreUnavailable = "CREDENTIAL_STORE_UNAVAILABLE";

    /// <summary>RESOURCE_EXHAUSTED: the caller's rate limit is reached; RetryInfo says when to retry.</summary>
    public const string RateLimited = "RATE_LIMITED";
}
