namespace Qweeby.Routing.Data.Exchange;

/// <summary>The outcome of one attempt, to record: the attempt row, and the status change or next try it implies.</summary>
/// <param name="StatusDetail">The detail of the final status (Delivered, Failed, DeadLettered); unused for a retry.</param>
/// <param name="Receipt">Set when delivered.</param>
/// <param name="RetryAt">Set when the outcome is <see cref="AttemptOutcome.Retry"/>.</param>
public sealed record ForwardingResult(
    long OutboxId,
    Guid TransmissionId,
    int Attempt,
    string Destination,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    AttemptOutcome Outcome,
    string ErrorCode,
    string ErrorDetail,
    string StatusDetail,
    Receipt? Receipt,
    DateTimeOffset? RetryAt)
{
    /// <summary>The partner's statuses its receipt carried (202, 203), recorded with the outcome.</summary>
    public IReadOnlyList<Lifecycle.StatusWrite> ReceiptStatuses { get; init; } = [];
}
