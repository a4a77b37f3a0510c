using Qweeby.Routing.Core.Directory;

namespace Qweeby.Routing.Data.Exchange;

/// <summary>An invoice a worker claimed for forwarding: what to send, where, and how many tries so far.</summary>
/// <param name="Attempt">This attempt's number (1 for the first).</param>
/// <param name="QueuedAt">When the outbox row was written: the age limit counts from there.</param>
/// <param name="Started">This claim moved it from ACCEPTED to FORWARDING: its platform issues it now (201).</param>
public sealed record ClaimedInvoice(
    long OutboxId,
    int Attempt,
    DateTimeOffset QueuedAt,
    Guid TransmissionId,
    InvoiceEnvelope Envelope,
    ReadOnlyMemory<byte> Document,
    string ProviderId,
    string Endpoint,
    Channel Channel,
    string? TraceParent,
    bool Started);
