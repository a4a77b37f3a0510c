using Qweeby.Routing.Core.Lifecycle;

namespace Qweeby.Routing.Data.Lifecycle;

/// <summary>A status proposed for a timeline: recorded if the state machine allows it, and queued for <paramref name="TravelsTo"/> if set.</summary>
public sealed record StatusWrite(Guid? TransmissionId, Guid? InboxItemId, StatusFacts Facts, LifecycleSetter Setter, StatusDestination? TravelsTo)
{
    public Guid TimelineId => TransmissionId ?? InboxItemId!.Value;

    /// <summary>A status the partner access point recorded already and sends on (ReceiveStatus).</summary>
    public bool FromPartner { get; init; }

    /// <summary>The caller chose the status id (SetStatus with a <c>status_id</c>); a partner's statuses always carry theirs.</summary>
    public bool IdChosen { get; init; }

    public static StatusWrite On(TimelineRef timeline, StatusFacts facts, LifecycleSetter setter, StatusDestination? travelsTo) =>
        new(timeline.TransmissionId, timeline.InboxItemId, facts, setter, travelsTo);
}
