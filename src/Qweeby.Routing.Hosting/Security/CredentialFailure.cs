namespace Qweeby.Routing.Hosting.Security;

/// <summary>
/// Why the credential a call presented was refused, kept on the request (HttpContext.Features) by the
/// authentication handlers for the authorization result handler, which answers and audits it. A call
/// without one and without a caller presented nothing.
/// </summary>
internal sealed record CredentialFailure(string Reason, string? ClaimedCallerId, string? Detail = null);
