namespace Qweeby.Routing.Data.Exchange;

/// <summary>The outcome of one attempt to deliver a status, to record.</summary>
/// <param name="Detail">The status's delivery detail: the receiver's answer, its refusal, or the last error.</param>
/// <param name="RetryAt">Set when the outcome is <see cref="AttemptOutcome.Retry"/>.</param>
public sealed record StatusResult(
    long OutboxId,
    int Attempt,
    AttemptOutcome Outcome,
    string ErrorCode,
    string Detail,
    DateTimeOffset? RetryAt);
