using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Core.Lifecycle;
using Qweeby.Routing.Data.Lifecycle;
using ProtoCode = Qweeby.Routing.Contracts.V1.LifecycleCode;
using ProtoParty = Qweeby.Routing.Contracts.V1.LifecycleParty;
using StatusDelivery = Qweeby.Routing.Data.Lifecycle.StatusDelivery;
using StatusDeliveryState = Qweeby.Routing.Data.Lifecycle.StatusDeliveryState;

namespace Qweeby.Routing.Server.Lifecycle;

/// <summary>Maps lifecycle records to the public contract. Proto codes are numbered by the AFNOR code, so codes map by value.</summary>
internal static class LifecycleReplies
{
    public static ProtoCode ToProto(this Core.Lifecycle.LifecycleCode code) => (ProtoCode)(int)code;

    public static LifecycleStatus ToProto(this RecordedStatus s)
    {
        var reply = s.Facts.ToProto();
        reply.RecordedAt = Timestamp.FromDateTimeOffset(s.RecordedAt);
        reply.Delivery = s.Delivery?.ToProto();
        return reply;
    }

    /// <summary>What travels: the status without this access point's record of it.</summary>
    public static LifecycleStatus ToProto(this StatusFacts f) => new()
    {
        StatusId = f.StatusId.ToString(),
        Code = f.Code.ToProto(),
        LabelFr = LifecycleCodes.French(f.Code),
        LabelEn = LifecycleCodes.English(f.Code),
        At = Timestamp.FromDateTimeOffset(f.At),
        SetBy = f.SetBy switch
        {
            Core.Lifecycle.LifecycleParty.Buyer => ProtoParty.Buyer,
            Core.Lifecycle.LifecycleParty.Supplier => ProtoParty.Supplier,
            _ => ProtoParty.Platform,
        },
        SetByCaller = f.SetByCaller,
        PlatformId = f.PlatformId,
        ReasonCode = f.ReasonCode,
        Reason = f.Reason,
        Amount = f.Amount is { } amount ? new Amount { Value = amount.ToString("0.####", CultureInfo.InvariantCulture), Currency = f.Currency ?? "" } : null,
    };

    public static Contracts.V1.StatusDelivery ToProto(this StatusDelivery d) => new()
    {
        State = d.State switch
        {
            StatusDeliveryState.Pending => Contracts.V1.StatusDeliveryState.Pending,
            StatusDeliveryState.Delivered => Contracts.V1.StatusDeliveryState.Delivered,
            StatusDeliveryState.Failed => Contracts.V1.StatusDeliveryState.Failed,
            _ => Contracts.V1.StatusDeliveryState.DeadLettered,
        },
        Destination = d.Destination,
        Attempts = d.Attempts,
        Detail = d.Detail,
    };

    public static Contracts.V1.StatusDeliveryState ToProto(this StatusDeliveryState state) => state switch
    {
        StatusDeliveryState.Pending => Contracts.V1.StatusDeliveryState.Pending,
        StatusDeliveryState.Delivered => Contracts.V1.StatusDeliveryState.Delivered,
        StatusDeliveryState.Failed => Contracts.V1.StatusDeliveryState.Failed,
        _ => Contracts.V1.StatusDeliveryState.DeadLettered,
    };

    /// <param name="setter">Whose next statuses to list: the side the id names (the supplier for a transmission, the buyer for an inbox item).</param>
    public static Timeline ToTimeline(this TimelineRef invoice, IReadOnlyList<RecordedStatus> statuses, LifecycleSetter setter)
    {
        var entries = statuses.Select(s => new TimelineEntry(s.Facts.StatusId, s.Facts.Code)).ToList();
        return new Timeline
        {
            TransmissionId = invoice.Id.ToString(),
            MessageId = invoice.MessageId,
            Sender = invoice.Sender,
            RecipientId = invoice.RecipientId,
            Current = LifecycleMachine.Current(entries)?.ToProto() ?? ProtoCode.Unspecified,
            Statuses = { statuses.Select(s => s.ToProto()) },
            AllowedNext = { LifecycleMachine.AllowedNext(entries, setter).Select(c => c.ToProto()) },
        };
    }

    public static InboxEvent ToProto(this InboxEventRecord e) => new()
    {
        Cursor = e.Sequence.ToString(CultureInfo.InvariantCulture),
        TransmissionId = e.InboxItemId.ToString(),
        MessageId = e.MessageId,
        Sender = e.Sender,
        Status = e.Status.ToProto(),
    };

    /// <summary>Who sets statuses on the side an id names, through SetStatus.</summary>
    public static LifecycleSetter CallerSetter(this TimelineRef invoice) =>
        invoice.Side == InvoiceSide.Supplier ? LifecycleSetter.Supplier : LifecycleSetter.Buyer;
}
