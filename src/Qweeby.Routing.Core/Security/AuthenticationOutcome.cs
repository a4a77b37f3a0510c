namespace Qweeby.Routing.Core.Security;

/// <summary>
/// What checking a presented credential found: a <see cref="Caller"/>, or the <see cref="SecurityReasons"/>
/// reason it was refused and the caller id it claimed (a key id or provider id, unverified).
/// </summary>
public sealed record AuthenticationOutcome(Caller? Caller, string? FailureReason, string? ClaimedCallerId)
{
    public bool Succeeded => Caller is not null;

    public static AuthenticationOutcome Success(Caller caller) => new(caller, null, caller.Id);

    public static AuthenticationOutcome Failure(string reason, string? claimedCallerId = null) => new(null, reason, claimedCallerId);
}
