namespace Qweeby.Routing.Core.Security;

/// <summary>
/// One refused call, for the <c>security_event</c> audit: an authentication failure or a refused
/// authorization. <paramref name="CallerId"/> is the authenticated caller, or the id a refused credential
/// claimed (unverified), or null.
/// </summary>
public sealed record SecurityEvent(
    DateTimeOffset OccurredAt,
    string Host,
    string? CallerId,
    string? RemoteAddress,
    string Method,
    SecurityOutcome Outcome,
    string Reason);
