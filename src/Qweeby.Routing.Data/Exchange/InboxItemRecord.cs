namespace Qweeby.Routing.Data.Exchange;

/// <summary>An invoice in a hosted recipient's inbox; <see cref="Document"/> is empty when not asked for.</summary>
/// <param name="Sequence">Arrival order within this platform: the inbox's page key.</param>
public sealed record InboxItemRecord(
    Guid InboxItemId,
    long Sequence,
    string PartnerId,
    InvoiceEnvelope Envelope,
    byte[] Document,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? AcknowledgedAt)
{
    public Receipt Receipt => new(InboxItemId.ToString(), ReceivedAt, Envelope.ContentSha256);
}
