namespace Qweeby.Routing.Data.Exchange;

/// <summary>One status change of a transmission.</summary>
public sealed record TransmissionEventRecord(
    EventPosition Position,
    Guid TransmissionId,
    string MessageId,
    TransmissionState Status,
    DateTimeOffset At,
    string Detail);
