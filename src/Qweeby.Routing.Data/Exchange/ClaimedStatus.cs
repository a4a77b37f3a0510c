using Qweeby.Routing.Data.Lifecycle;

namespace Qweeby.Routing.Data.Exchange;

/// <summary>A lifecycle status a worker claimed for the access point at the other end of its invoice.</summary>
/// <param name="Sender">The invoice's sender and message id: how the other end finds it.</param>
public sealed record ClaimedStatus(
    long OutboxId,
    int Attempt,
    DateTimeOffset QueuedAt,
    string Sender,
    string MessageId,
    string RecipientId,
    StatusFacts Status,
    string ProviderId,
    string Endpoint);
