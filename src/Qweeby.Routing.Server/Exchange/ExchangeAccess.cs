using Grpc.Core;
using Qweeby.Routing.Core.Lifecycle;
using Qweeby.Routing.Core.Routing;
using Qweeby.Routing.Core.Security;
using Qweeby.Routing.Data.Lifecycle;
using Qweeby.Routing.Hosting.Grpc;
using Qweeby.Routing.Hosting.Security;

namespace Qweeby.Routing.Server.Exchange;

/// <summary>
/// Who may do what on the Exchange service, once the request names an entity (the method's
/// [Authorize] policy has already checked the role). Refusals come from the security layer, audited.
/// </summary>
internal static class ExchangeAccess
{
    /// <summary>Submit as a sender: the Submit role for it. A caller scoped to some entities learns nothing about others, not even whether they exist.</summary>
    public static Action<SenderLookup> Submitter(ServerCallContext context) => sender =>
    {
        if (sender.Entity is { } entity)
            context.DemandMayActFor(entity.EntityId, Role.Submit);
        else if (!context.GetCaller().Scope.IsAll)
            context.DemandMayActFor(Guid.Empty, Role.Submit);
    };

    /// <summary>Take from a hosted recipient's inbox: the Submit role for it (an internal service acting for the recipient).</summary>
    public static void DemandInboxReader(ServerCallContext context, Guid recipientEntityId) =>
        context.DemandMayActFor(recipientEntityId, Role.Submit);

    /// <summary>Before reading transmissions at all: the Submit or the Operator role (ROLE_REQUIRED otherwise).</summary>
    public static void DemandTransmissionReader(ServerCallContext context)
    {
        var caller = context.GetCaller();
        if (!caller.Has(Role.Submit) && !caller.Has(Role.Operator))
            context.DemandMayActFor(Guid.Empty, Role.Submit);
    }

    /// <summary>A sender's transmissions: its submitter, or an operator (exchange operations span every sender).</summary>
    public static void DemandTransmissionReader(ServerCallContext context, Guid senderEntityId)
    {
        if (!context.GetCaller().MayActFor(senderEntityId, Role.Operator))
            context.DemandMayActFor(senderEntityId, Role.Submit);
    }

    /// <summary>
    /// Set a status on an invoice: the Submit role for its sender (a supplier's status on a transmission)
    /// or for its recipient (a buyer's on an inbox item). Answers the caller.
    /// </summary>
    public static Caller DemandStatusSetter(ServerCallContext context, TimelineRef invoice) =>
        context.DemandMayActFor(SideEntity(invoice), Role.Submit);

    /// <summary>Read an invoice's timeline: the Submit role for the entity on the side the id names, or an operator.</summary>
    public static void DemandTimelineReader(ServerCallContext context, TimelineRef invoice)
    {
        var entity = SideEntity(invoice);
        if (!context.GetCaller().MayActFor(entity, Role.Operator))
            context.DemandMayActFor(entity, Role.Submit);
    }

    private static Guid SideEntity(TimelineRef invoice) =>
        (invoice.Side == InvoiceSide.Supplier ? invoice.SenderEntityId : invoice.RecipientEntityId) ?? Guid.Empty;

    /// <summary>The provider id of the partner access point calling Receive, from its client certificate.</summary>
    public static string Partner(ServerCallContext context) =>
        context.GetCaller().ProviderId ?? throw RpcErrors.PartnerUnknown(null).ToException();
}
