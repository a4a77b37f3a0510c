namespace Qweeby.Routing.Data.Exchange;

/// <summary>Proof of delivery: the receiving side's id for the invoice, when it received it, the hash it received.</summary>
public sealed record Receipt(string TransmissionId, DateTimeOffset ReceivedAt, string ContentSha256);
