namespace Qweeby.Routing.Hosting.Options;

/// <summary>Whether an https endpoint asks callers for a client certificate (<c>Endpoint:ClientCertificates</c>).</summary>
public enum ClientCertificates
{
    /// <summary>Not asked: partners cannot authenticate on this endpoint.</summary>
    None = 0,

    /// <summary>Asked, optional: partners present theirs, internal callers use API keys on the same port.</summary>
    Allow = 1,

    /// <summary>Every connection must present one (a partners-only endpoint).</summary>
    Require = 2,
}
