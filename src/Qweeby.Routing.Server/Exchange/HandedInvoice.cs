using Qweeby.Routing.Data.Exchange;
using Qweeby.Routing.Data.Lifecycle;

namespace Qweeby.Routing.Server.Exchange;

/// <summary>An invoice Submit stored with its outbox row leased to <paramref name="Token"/>, handed to the sender in memory with its timeline.</summary>
public sealed record HandedInvoice(Guid Token, ClaimedInvoice Invoice, List<StatusFacts> Timeline);
