using Google.Protobuf.WellKnownTypes;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Core.Directory;
using Qweeby.Routing.Core.Routing;
using Qweeby.Routing.Data.Exchange;
using Qweeby.Routing.Server.Grpc;
using Qweeby.Routing.Server.Lifecycle;
using ProtoAttemptOutcome = Qweeby.Routing.Contracts.V1.AttemptOutcome;
using Route = Qweeby.Routing.Contracts.V1.Route;

namespace Qweeby.Routing.Server.Exchange;

/// <summary>Maps stored exchange records to the public contract.</summary>
internal static class ExchangeReplies
{
    public const string CustomerNumberPrefix = "customer-number:";

    public static Transmission ToProto(this TransmissionRecord t) => new()
    {
        TransmissionId = t.TransmissionId.ToString(),
        Envelope = t.Envelope.ToProto(Reference(t.RecipientReference)),
        Status = t.Status.ToProto(),
        StatusDetail = t.StatusDetail,
        Route = t.Route.ToProto(),
        AcceptedAt = Timestamp.FromDateTimeOffset(t.AcceptedAt),
        UpdatedAt = Timestamp.FromDateTimeOffset(t.UpdatedAt),
        Receipt = t.Receipt?.ToProto(t.Envelope.MessageId),
        RecipientId = t.Envelope.RecipientId,
    };

    public static SubmitReply ToSubmitReply(this TransmissionRecord t) => new()
    {
        TransmissionId = t.TransmissionId.ToString(),
        MessageId = t.Envelope.MessageId,
        Status = t.Status.ToProto(),
        Route = t.Route.ToProto(),
        AcceptedAt = Timestamp.FromDateTimeOffset(t.AcceptedAt),
        ContentSha256 = t.Envelope.ContentSha256,
    };

    public static Envelope ToProto(this InvoiceEnvelope e, RecipientReference recipient) => new()
    {
        Sender = e.Sender,
        Recipient = recipient,
        DocumentType = e.DocumentType,
        Process = e.Process,
        MessageId = e.MessageId,
        InvoiceNumber = e.InvoiceNumber,
        IssueDate = Timestamp.FromDateTime(e.IssueDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)),
        ContentSha256 = e.ContentSha256,
    };

    public static RecipientReference Reference(string stored) => stored.StartsWith(CustomerNumberPrefix, StringComparison.Ordinal)
        ? new RecipientReference { CustomerNumber = stored[CustomerNumberPrefix.Length..] }
        : new RecipientReference { Identifier = stored };

    public static Route ToProto(this StoredRoute route) =>
        new RouteChoice(new ProviderFacts(route.ProviderId, route.ProviderName, route.Endpoint, route.Channel, true), route.ChosenBecause).ToProto();

    public static ReceiveReceipt ToProto(this Receipt receipt, string messageId) => new()
    {
        TransmissionId = receipt.TransmissionId,
        MessageId = messageId,
        ReceivedAt = Timestamp.FromDateTimeOffset(receipt.ReceivedAt),
        ContentSha256 = receipt.ContentSha256,
    };

    public static TransmissionEvent ToProto(this TransmissionEventRecord e) => new()
    {
        Cursor = e.Sequence?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        TransmissionId = e.TransmissionId.ToString(),
        MessageId = e.MessageId,
        Status = e.Status?.ToProto() ?? TransmissionStatus.Unspecified,
        At = Timestamp.FromDateTimeOffset(e.At),
        Detail = e.Detail,
        Lifecycle = e.Lifecycle?.ToProto(),
    };

    public static DeliveryAttempt ToProto(this DeliveryAttemptRecord a) => new()
    {
        Attempt = a.Attempt,
        Destination = a.Destination,
        StartedAt = Timestamp.FromDateTimeOffset(a.StartedAt),
        FinishedAt = Timestamp.FromDateTimeOffset(a.FinishedAt),
        Outcome = a.Outcome switch
        {
            Data.Exchange.AttemptOutcome.Delivered => ProtoAttemptOutcome.Delivered,
            Data.Exchange.AttemptOutcome.Retry => ProtoAttemptOutcome.Retry,
            Data.Exchange.AttemptOutcome.Failed => ProtoAttemptOutcome.Failed,
            _ => ProtoAttemptOutcome.DeadLettered,
        },
        ErrorCode = a.ErrorCode,
        ErrorDetail = a.ErrorDetail,
    };

    public static InboxItem ToProto(this InboxItemRecord item) => new()
    {
        TransmissionId = item.InboxItemId.ToString(),
        Envelope = item.Envelope.ToProto(new RecipientReference { Identifier = item.Envelope.RecipientId }),
        Document = Google.Protobuf.UnsafeByteOperations.UnsafeWrap(item.Document),
        ReceivedAt = Timestamp.FromDateTimeOffset(item.ReceivedAt),
        ContentSha256 = item.Envelope.ContentSha256,
        FromProviderId = item.PartnerId,
        AcknowledgedAt = item.AcknowledgedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
    };

    public static TransmissionStatus ToProto(this TransmissionState state) => state switch
    {
        TransmissionState.Accepted => TransmissionStatus.Accepted,
        TransmissionState.Forwarding => TransmissionStatus.Forwarding,
        TransmissionState.Delivered => TransmissionStatus.Delivered,
        TransmissionState.Failed => TransmissionStatus.Failed,
        _ => TransmissionStatus.DeadLettered,
    };

    public static TransmissionState? FromProto(TransmissionStatus status) => status switch
    {
        TransmissionStatus.Accepted => TransmissionState.Accepted,
        TransmissionStatus.Forwarding => TransmissionState.Forwarding,
        TransmissionStatus.Delivered => TransmissionState.Delivered,
        TransmissionStatus.Failed => TransmissionState.Failed,
        TransmissionStatus.DeadLettered => TransmissionState.DeadLettered,
        _ => null,
    };
}
