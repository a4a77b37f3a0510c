namespace Qweeby.Routing.Core.Lifecycle;

/// <summary>A status already on an invoice's timeline, as the state machine needs it.</summary>
/// <param name="StatusId">Chosen where the status was created; the same on every access point.</param>
public readonly record struct TimelineEntry(Guid StatusId, LifecycleCode Code);
