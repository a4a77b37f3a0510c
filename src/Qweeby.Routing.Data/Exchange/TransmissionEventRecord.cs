namespace Qweeby.Routing.Data.Exchange;

/// <summary>One status change of a transmission.</summary>
/// <param name="Sequence">Its place in the stream; null until the sequencer has given it one.</param>
public sealed record TransmissionEventRecord(
    long? Sequence,
    Guid TransmissionId,
    string MessageId,
    TransmissionState Status,
    DateTimeOffset At,
    string Detail);
