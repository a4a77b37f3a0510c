using Qweeby.Routing.Core.Lifecycle;

namespace Qweeby.Routing.Data.Lifecycle;

/// <summary>
/// Where an invoice's timeline lives here: its transmission (submitted here), its inbox item (received
/// here), or both (between two entities hosted here).
/// </summary>
/// <param name="Side">The side the id it was found by stands for: a transmission is the supplier's, an inbox item the buyer's.</param>
/// <param name="Sender">The invoice's sender and message id: the link between access points.</param>
/// <param name="OtherEnd">Where statuses set here travel; null when the other end is here too (or routed by no partner).</param>
public sealed record TimelineRef(
    InvoiceSide Side,
    Guid? TransmissionId,
    Guid? InboxItemId,
    Guid? SenderEntityId,
    Guid? RecipientEntityId,
    string Sender,
    string MessageId,
    string RecipientId,
    StatusDestination? OtherEnd)
{
    /// <summary>The timeline's key: the transmission id, else the inbox item id.</summary>
    public Guid TimelineId => TransmissionId ?? InboxItemId!.Value;

    /// <summary>The id the caller named this invoice by.</summary>
    public Guid Id => Side == InvoiceSide.Supplier ? TransmissionId!.Value : InboxItemId!.Value;
}
