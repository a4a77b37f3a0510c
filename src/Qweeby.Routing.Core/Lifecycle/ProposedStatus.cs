namespace Qweeby.Routing.Core.Lifecycle;

/// <summary>A status someone wants on an invoice's timeline.</summary>
public sealed record ProposedStatus(Guid StatusId, LifecycleCode Code, LifecycleSetter Setter);
