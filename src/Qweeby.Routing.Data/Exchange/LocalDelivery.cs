namespace Qweeby.Routing.Data.Exchange;

/// <summary>What delivering hosted invoices to local inboxes came to: receipts by transmission, and those whose recipient is no longer active.</summary>
internal sealed record LocalDelivery(Dictionary<Guid, Receipt> Receipts, HashSet<Guid> RecipientInactive);
