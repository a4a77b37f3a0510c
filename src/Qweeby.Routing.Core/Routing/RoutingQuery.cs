using Qweeby.Routing.Core.Identifiers;

namespace Qweeby.Routing.Core.Routing;

/// <summary>A parsed routing request: who sends (optional), to whom, what.</summary>
/// <param name="RecipientId">Set when the recipient is addressed by identifier.</param>
/// <param name="CustomerNumber">Set when it is addressed by the sender's customer number (needs a sender).</param>
public sealed record RoutingQuery(
    PartyId? Sender,
    PartyId? RecipientId,
    CustomerNumber? CustomerNumber,
    string? DocumentType,
    string? Process)
{
    /// <summary>The invoice's date for directory lines; null means now.</summary>
    public DateTimeOffset? At { get; init; }

    public RecipientReferenceKind Kind => RecipientId is null ? RecipientReferenceKind.CustomerNumber : RecipientReferenceKind.Identifier;

    public string RecipientReference => RecipientId?.ToString() ?? CustomerNumber?.Value ?? "";
}
