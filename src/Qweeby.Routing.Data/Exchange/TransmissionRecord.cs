namespace Qweeby.Routing.Data.Exchange;

/// <summary>A transmission as stored, without its document.</summary>
public sealed record TransmissionRecord(
    Guid TransmissionId,
    Guid SenderEntityId,
    string RecipientReference,
    Guid RecipientEntityId,
    InvoiceEnvelope Envelope,
    StoredRoute Route,
    TransmissionState Status,
    string StatusDetail,
    DateTimeOffset AcceptedAt,
    DateTimeOffset UpdatedAt,
    Receipt? Receipt);
