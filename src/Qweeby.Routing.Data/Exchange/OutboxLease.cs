using Qweeby.Routing.Data.Lifecycle;

namespace Qweeby.Routing.Data.Exchange;

/// <summary>
/// A claim Submit makes on its own outbox row as it stores the invoice, so the sender gets it in memory:
/// the row is stored FORWARDING with its 201 Émise, leased to <paramref name="Token"/> for
/// <paramref name="Duration"/> as a claim would lease it (its first attempt). If the invoice is never
/// sent, the row falls due again when the lease ends and any claimer takes it.
/// </summary>
public sealed record OutboxLease(Guid Token, TimeSpan Duration, StatusFacts Issued);
