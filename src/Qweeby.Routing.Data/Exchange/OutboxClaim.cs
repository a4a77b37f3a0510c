namespace Qweeby.Routing.Data.Exchange;

/// <summary>
/// What one claim took: the invoices and lifecycle statuses to send over the network, and how many
/// invoices went to a local inbox in the claim's own transaction. <paramref name="Token"/> marks the
/// claim; outcomes recorded with it only apply to rows this claim still holds.
/// </summary>
public sealed record OutboxClaim(Guid Token, IReadOnlyList<ClaimedInvoice> Remote, IReadOnlyList<ClaimedStatus> Statuses, int DeliveredLocally)
{
    public int Count => Remote.Count + Statuses.Count + DeliveredLocally;
}
