namespace Qweeby.Routing.Data.Exchange;

/// <summary>An invoice a partner access point delivers for a recipient hosted here.</summary>
/// <param name="PartnerId">The delivering provider, as authenticated.</param>
public sealed record NewInboxItem(
    Guid InboxItemId,
    Guid RecipientEntityId,
    string PartnerId,
    InvoiceEnvelope Envelope,
    ReadOnlyMemory<byte> Document,
    string? TraceParent,
    DateTimeOffset ReceivedAt);
