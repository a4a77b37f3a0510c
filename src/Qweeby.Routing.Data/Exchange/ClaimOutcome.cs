namespace Qweeby.Routing.Data.Exchange;

/// <summary>What came of one claim's network attempts, to record: only rows the claim (<paramref name="Token"/>) still holds move.</summary>
public sealed record ClaimOutcome(Guid Token, IReadOnlyList<ForwardingResult> Invoices, IReadOnlyList<StatusResult> Statuses);
