namespace Qweeby.Routing.Core.Lifecycle;

/// <summary>A status someone wants on an invoice's timeline.</summary>
/// <param name="IdChosen">
/// The proposer chose the status id (a caller's <c>status_id</c>, or any status from another access point) rather than
/// leaving it to us: then the same code as the current status is a new status when its code is repeatable (a second
/// payment received), not a retry of the first.
/// </param>
public sealed record ProposedStatus(Guid StatusId, LifecycleCode Code, LifecycleSetter Setter, bool IdChosen = false);
