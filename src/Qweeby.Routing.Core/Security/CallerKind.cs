namespace Qweeby.Routing.Core.Security;

/// <summary>How a caller proved who it is.</summary>
public enum CallerKind
{
    /// <summary>An API key (<c>authorization: Bearer qk_…</c>): internal callers and administrators.</summary>
    ApiKey = 1,

    /// <summary>A client certificate registered to a service provider: partner access points.</summary>
    ClientCertificate = 2,
}
