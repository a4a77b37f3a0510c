namespace Qweeby.Routing.Data.Exchange;

/// <summary>An accepted invoice about to be stored: envelope, document, route and the first status in one write.</summary>
/// <param name="RecipientReference">The recipient as the sender gave it: "0009:…" or "customer-number:…".</param>
/// <param name="TraceParent">W3C traceparent of the submission, continued by forwarding.</param>
/// <param name="Deposited">The 200 Déposée status that opens its timeline.</param>
public sealed record NewTransmission(
    Guid TransmissionId,
    Guid SenderEntityId,
    string RecipientReference,
    Guid RecipientEntityId,
    InvoiceEnvelope Envelope,
    ReadOnlyMemory<byte> Document,
    StoredRoute Route,
    string? TraceParent,
    DateTimeOffset AcceptedAt,
    Lifecycle.StatusFacts Deposited)
{
    /// <summary>The invoice as a claim of its leased outbox row <paramref name="outboxId"/> gives it to the sender: first attempt, just started.</summary>
    public ClaimedInvoice Leased(long outboxId) =>
        new(outboxId, 1, AcceptedAt, TransmissionId, Envelope, Document, Route.ProviderId, Route.Endpoint, Route.Channel, TraceParent, Started: true);
}
