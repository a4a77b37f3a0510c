using Qweeby.Routing.Data.Lifecycle;

namespace Qweeby.Routing.Data.Exchange;

/// <summary>One event of a sender's stream: a status change of a transmission, or a lifecycle status of its invoice.</summary>
/// <param name="Sequence">Its place in the stream; null until the sequencer has given it one.</param>
/// <param name="Status">The transmission's new status; null for a lifecycle status.</param>
/// <param name="Lifecycle">The lifecycle status; null for a status change.</param>
public sealed record TransmissionEventRecord(
    long? Sequence,
    Guid TransmissionId,
    string MessageId,
    TransmissionState? Status,
    DateTimeOffset At,
    string Detail,
    RecordedStatus? Lifecycle = null);
