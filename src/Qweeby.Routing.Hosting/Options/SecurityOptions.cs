namespace Qweeby.Routing.Hosting.Options;

/// <summary>The <c>Security</c> section.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>
    /// How long a host trusts what it read about a credential (an API key, a certificate's provider)
    /// before reading it again. Also the bound on how late a revocation or a provider's suspension takes
    /// effect on a running host. 0 reads Postgres on every call.
    /// </summary>
    public double CredentialCacheSeconds { get; set; } = 5;

    /// <summary>Refused calls waiting to be written to <c>security_event</c>; beyond it they are counted and dropped.</summary>
    public int AuditQueueCapacity { get; set; } = 10_000;
}
