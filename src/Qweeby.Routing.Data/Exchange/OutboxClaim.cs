namespace Qweeby.Routing.Data.Exchange;

/// <summary>
/// What one claim took: the invoices and lifecycle statuses to send over the network, and how many
/// invoices went to a local inbox in the claim's own transaction. <paramref name="Token"/> marks the
/// claim; outcomes recorded with it only apply to rows this claim still holds. <paramref name="BudgetCut"/>: due invoices
/// were left for the next claim because their documents passed the claim's byte budget (claim again at once).
/// </summary>
public sealed record OutboxClaim(Guid Token, IReadOnlyList<ClaimedInvoice> Remote, IReadOnlyList<ClaimedStatus> Statuses, int DeliveredLocally,
    bool BudgetCut = false)
{
    public int Count => Remote.Count + Statuses.Count + DeliveredLocally;
}
