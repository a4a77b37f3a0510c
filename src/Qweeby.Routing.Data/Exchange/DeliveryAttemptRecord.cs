namespace Qweeby.Routing.Data.Exchange;

/// <summary>One delivery attempt as recorded: when, where to, what came of it.</summary>
/// <param name="Attempt">1 for the first attempt; counted again from 1 after a replay.</param>
/// <param name="ErrorCode">"UNAVAILABLE", "NOT_FOUND/RECIPIENT_NOT_FOUND"…; empty when delivered.</param>
public sealed record DeliveryAttemptRecord(
    int Attempt,
    string Destination,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    AttemptOutcome Outcome,
    string ErrorCode,
    string ErrorDetail);
