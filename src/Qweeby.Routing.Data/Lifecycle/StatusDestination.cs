namespace Qweeby.Routing.Data.Lifecycle;

/// <summary>The access point at the other end of an invoice, where statuses set here travel.</summary>
/// <param name="InReceipt">
/// The status travels in the receipt of the invoice's delivery (the sending access point asked for it): it is delivered
/// with the receipt, and again with every repeat of it, so it needs no outbox row of its own.
/// </param>
public sealed record StatusDestination(string ProviderId, string Endpoint, bool InReceipt = false);
