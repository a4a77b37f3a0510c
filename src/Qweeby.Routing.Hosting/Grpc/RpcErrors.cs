using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Qweeby.Routing.Core.Identifiers;
using Qweeby.Routing.Core.Lifecycle;
using Qweeby.Routing.Core.Routing;
using Qweeby.Routing.Data.Admin;
using RpcStatus = Google.Rpc.Status;

namespace Qweeby.Routing.Hosting.Grpc;

/// <summary>
/// The only place that knows gRPC status codes and ErrorInfo reasons. Errors are built as
/// google.rpc.Status (code, message, details) so a single call throws them and a batch item carries them.
/// </summary>
public static class RpcErrors
{
    public const string Domain = "routing.qweeby";

    /// <summary>Reason of every INVALID_ARGUMENT; the field violations say which field and which rule.</summary>
    public const string InvalidRequest = "INVALID_REQUEST";

    /// <summary>
    /// At most <see cref="MaxViolations"/> violations travel (the first ones), with the count of all in the message: a
    /// request of thousands of bad items must get its INVALID_ARGUMENT, not a status trailer over the client's header
    /// limit (HttpClient refuses 64 KB: the call would read as UNAVAILABLE).
    /// </summary>
    public static RpcStatus Invalid(IReadOnlyCollection<BadRequest.Types.FieldViolation> violations)
    {
        var shown = violations.Take(MaxViolations).ToList();
        // The count first: the message is clipped.
        var which = violations.Count > shown.Count ? $" (the first {shown.Count} in the details)" : "";
        return new()
        {
            Code = (int)Code.InvalidArgument,
            Message = Clip(violations.Count == 1
                ? $"{shown[0].Field}: {shown[0].Description}"
                : $"{violations.Count} fields are invalid{which}: " + string.Join("; ", shown.Select(v => $"{v.Field}: {v.Description}")), MaxMessageLength),
            Details =
            {
                Any.Pack(new ErrorInfo { Domain = Domain, Reason = InvalidRequest }),
                Any.Pack(new BadRequest { FieldViolations = { shown } }),
            },
        };
    }

    /// <summary>How many field violations an INVALID_ARGUMENT carries at most.</summary>
    public const int MaxViolations = 50;

    public static RpcStatus Invalid(string field, string reason, string description) =>
        Invalid([Violation(field, reason, description)]);

    /// <summary>A string field whose bytes are not UTF-8 (the request never reached the service).</summary>
    public static RpcStatus NotUtf8(string field) => Invalid(field, "ENCODING",
        "Not valid UTF-8: protobuf string fields must hold UTF-8 text. Encode the value as UTF-8 (or send it in a bytes field).");

    public static BadRequest.Types.FieldViolation Violation(string field, string reason, string description) =>
        new() { Field = field, Reason = reason, Description = description };

    public static BadRequest.Types.FieldViolation Violation(string field, IdentifierError error) =>
        Violation(field, error.Rule.Code(), error.Description);

    public static RpcStatus Rejected(RoutingRejection rejection) => new()
    {
        Code = (int)(rejection.Kind == RejectionKind.NotFound ? Code.NotFound : Code.FailedPrecondition),
        Message = Clip(rejection.Message, MaxMessageLength),
        Details = { Any.Pack(new ErrorInfo { Domain = Domain, Reason = rejection.Reason, Metadata = { Clipped(rejection.Metadata) } }) },
    };

    /// <summary>Invalid because the document is larger than the limit; the other violations (if any) come along.</summary>
    public static RpcStatus DocumentTooLarge(IReadOnlyCollection<BadRequest.Types.FieldViolation> violations, long limitBytes)
    {
        var status = Invalid(violations);
        status.Details[0] = Any.Pack(new ErrorInfo
        {
            Domain = Domain,
            Reason = "DOCUMENT_TOO_LARGE",
            Metadata = { ["limit_bytes"] = limitBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        });
        return status;
    }

    /// <summary>The sender's message id is taken by a different invoice.</summary>
    public static RpcStatus MessageIdConflict(string messageId, string transmissionId, IEnumerable<string> differences) => Error(
        Code.AlreadyExists, "MESSAGE_ID_CONFLICT",
        $"Message id '{Clip(messageId, MaxValueLength)}' was already used by this sender for transmission {transmissionId}, with a different " +
        $"{string.Join(", ", differences)}. Use a new message id for a new invoice; resend the same one unchanged to get the first answer.",
        ("message_id", messageId), ("transmission_id", transmissionId));

    public static RpcStatus TransmissionNotFound(string transmissionId) => Error(
        Code.NotFound, "TRANSMISSION_NOT_FOUND", $"No transmission {transmissionId} here. Check the id: it is the transmission_id Submit answered.",
        ("transmission_id", transmissionId));

    /// <summary>The sender or recipient named by a list, watch or inbox call is not in the directory (or is ambiguous).</summary>
    public static RpcStatus PartyNotFound(string field, string reference, int matches) => matches == 0
        ? Error(Code.NotFound, field == "recipient" ? RejectionReasons.RecipientNotFound : RejectionReasons.SenderNotFound,
            $"{Clip(reference, MaxValueLength)} matches no entity in the directory.", (field, reference))
        : Error(Code.FailedPrecondition, field == "recipient" ? RejectionReasons.RecipientAmbiguous : "SENDER_AMBIGUOUS",
            $"{Clip(reference, MaxValueLength)} matches {matches} entities (establishments registered separately). Use a SIRET.", (field, reference));

    /// <summary>Receive from a caller that is not a known, active partner access point.</summary>
    public static RpcStatus PartnerUnknown(string? partnerId) => Error(
        Code.PermissionDenied, "PARTNER_UNKNOWN",
        string.IsNullOrEmpty(partnerId)
            ? "Receive is for partner access points: identify yourself as a registered service provider."
            : $"{Clip(partnerId, MaxValueLength)} is not an active service provider of this platform's directory. Ask us to register your access point.",
        ("partner", partnerId ?? ""));

    public static RpcStatus RecipientNotHostedHere(string recipient, string providerId) => Error(
        Code.FailedPrecondition, "RECIPIENT_NOT_HOSTED_HERE",
        $"{recipient} does not receive through this access point ({providerId}). Resolve its current service provider and send there.",
        ("recipient", recipient), ("provider", providerId));

    public static RpcStatus ChannelNotSupported(string recipient, string providerId, string channel) => Error(
        Code.FailedPrecondition, "CHANNEL_NOT_SUPPORTED",
        $"{recipient} receives through {providerId} by the {channel} channel, which this platform does not deliver to yet. Send this invoice by that channel.",
        ("recipient", recipient), ("provider", providerId), ("channel", channel));

    public static RpcStatus RecipientHasNoIdentifier(string recipient, string providerId) => Error(
        Code.FailedPrecondition, "RECIPIENT_HAS_NO_IDENTIFIER",
        $"{recipient} has no identifier its access point {providerId} could be given. Register a SIRET, SIREN or other identifier for it.",
        ("recipient", recipient), ("provider", providerId));

    public static RpcStatus NotReplayable(string transmissionId, string status) => Error(
        Code.FailedPrecondition, "NOT_REPLAYABLE",
        $"Transmission {transmissionId} is {status}: only FAILED and DEAD_LETTERED transmissions can be replayed.",
        ("transmission_id", transmissionId), ("status", status));

    public static RpcStatus StatusNotReplayable(string transmissionId, string statusId, string state) => Error(
        Code.FailedPrecondition, "NOT_REPLAYABLE",
        $"Status {statusId} of invoice {transmissionId} is {state}: only statuses whose delivery FAILED or was DEAD_LETTERED can be replayed.",
        ("transmission_id", transmissionId), ("status_id", statusId), ("status", state));

    public static RpcStatus InboxItemsNotFound(string recipient, IEnumerable<string> ids) => Error(
        Code.NotFound, "INBOX_ITEM_NOT_FOUND",
        $"Not in the inbox of {Clip(recipient, MaxValueLength)}: {Clip(string.Join(", ", ids), MaxMessageLength / 2)}. Nothing was acknowledged.",
        ("recipient", recipient));

    /// <summary>
    /// A lifecycle status the state machine does not allow now (or never from this setter): the current
    /// status and the allowed next ones in the ErrorInfo metadata, the rule in a PreconditionFailure.
    /// </summary>
    public static RpcStatus StatusNotAllowed(string transmissionId, LifecycleCode code, LifecycleCode? current, IReadOnlyList<LifecycleCode> allowedNext,
        string explanation)
    {
        var allowed = string.Join(",", allowedNext.Select(c => ((int)c).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var status = Error(Code.FailedPrecondition, "STATUS_NOT_ALLOWED",
            $"{explanation} Allowed now: {(allowedNext.Count == 0 ? "nothing" : string.Join(", ", allowedNext.Select(LifecycleCodes.Named)))}.",
            ("transmission_id", transmissionId),
            ("code", ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("current", current is { } c ? ((int)c).ToString(System.Globalization.CultureInfo.InvariantCulture) : ""),
            ("allowed_next", allowed));
        status.Details.Add(Any.Pack(new PreconditionFailure
        {
            Violations = { new PreconditionFailure.Types.Violation { Type = "LIFECYCLE", Subject = $"transmission/{transmissionId}", Description = explanation } },
        }));
        return status;
    }

    /// <summary>
    /// ReceiveStatus refused a status while the delivery of the invoice, whose receipt carries the statuses it follows, is
    /// not recorded here (still on its way, or given up here): the partner retries.
    /// </summary>
    public static RpcStatus DeliveryNotRecorded(string transmissionId, LifecycleCode code) => Error(
        Code.Unavailable, "DELIVERY_NOT_RECORDED",
        $"The delivery of invoice {transmissionId} is not recorded here yet, nor the statuses its receipt carries; {LifecycleCodes.Named(code)} follows them. Retry.",
        ("transmission_id", transmissionId), ("code", ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The status id is already on this invoice with another code.</summary>
    public static RpcStatus StatusIdConflict(string statusId, string explanation) => Error(
        Code.AlreadyExists, "STATUS_ID_CONFLICT", $"{explanation} Use a new status id for a new status.", ("status_id", statusId));

    /// <summary>ReceiveStatus for an invoice this access point never exchanged with the calling partner.</summary>
    public static RpcStatus InvoiceNotFound(string sender, string messageId, string partnerId) => Error(
        Code.NotFound, "INVOICE_NOT_FOUND",
        $"No invoice from {sender} with message id '{messageId}' was exchanged with {partnerId} here.",
        ("sender", sender), ("message_id", messageId), ("partner", partnerId));

    public static RpcStatus StatusNotFound(string transmissionId, string statusId) => Error(
        Code.NotFound, "STATUS_NOT_FOUND",
        $"Invoice {transmissionId} has no status {statusId} that travels from here.",
        ("transmission_id", transmissionId), ("status_id", statusId));

    public static RpcException ToException(this RpcStatus status) => status.ToRpcException();

    /// <summary>Postgres did not answer a call (down, restarting, out of connections): retry after <paramref name="retryAfter"/>, with backoff.</summary>
    public static RpcStatus StoreUnavailable(TimeSpan retryAfter)
    {
        var status = Error(Code.Unavailable, "STORE_UNAVAILABLE",
            "The directory database did not answer (restarting, unreachable or busy): retry with backoff. A Submit retried with its message id, a status with its status id, is never applied twice; another write may have been applied: read before writing again.");
        status.Details.Add(Any.Pack(new RetryInfo { RetryDelay = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(retryAfter) }));
        return status;
    }

    private static RpcStatus Error(Code code, string reason, string message, params (string Key, string Value)[] metadata) => new()
    {
        Code = (int)code,
        Message = Clip(message, MaxMessageLength),
        Details = { Any.Pack(new ErrorInfo { Domain = Domain, Reason = reason, Metadata = { metadata.ToDictionary(m => m.Key, m => Clip(m.Value, MaxValueLength)) } }) },
    };

    /// <summary>The stable reason of a status built here (for batch items and logs).</summary>
    public static string ReasonOf(RpcStatus status) =>
        status.Details.FirstOrDefault(d => d.Is(ErrorInfo.Descriptor))?.Unpack<ErrorInfo>().Reason ?? "";

    public static IEnumerable<BadRequest.Types.FieldViolation> ViolationsOf(RpcStatus status) =>
        status.Details.Where(d => d.Is(BadRequest.Descriptor)).SelectMany(d => d.Unpack<BadRequest>().FieldViolations);

    /// <summary>An admin change the directory's rules refused (NOT_FOUND, ALREADY_EXISTS or FAILED_PRECONDITION), with what is involved.</summary>
    public static RpcStatus AdminRefused(AdminRefusal refusal) => AdminError(
        refusal.Kind switch
        {
            AdminRefusalKind.NotFound => Code.NotFound,
            AdminRefusalKind.Conflict => Code.AlreadyExists,
            AdminRefusalKind.Forbidden => Code.PermissionDenied,
            _ => Code.FailedPrecondition,
        },
        refusal.Reason, refusal.Message, refusal.Metadata);

    /// <summary>An admin request names an entity the directory does not have (field says which reference).</summary>
    public static RpcStatus EntityNotFound(string field, string reference) => AdminError(Code.NotFound, "ENTITY_NOT_FOUND",
        $"{field}: no entity in the directory is {Clip(reference, MaxValueLength)}. Check the identifier, or create the entity first.",
        new Dictionary<string, string> { ["field"] = field, ["reference"] = reference });

    /// <summary>A SIREN matching several entities (establishments registered separately).</summary>
    public static RpcStatus EntityAmbiguous(string field, string reference, int matches) => AdminError(Code.FailedPrecondition, "ENTITY_AMBIGUOUS",
        $"{field}: {Clip(reference, MaxValueLength)} matches {matches} entities (establishments registered separately). Name one by its SIRET or entity id.",
        new Dictionary<string, string> { ["field"] = field, ["reference"] = reference });

    private static RpcStatus AdminError(Code code, string reason, string message, IReadOnlyDictionary<string, string> metadata) => new()
    {
        Code = (int)code,
        Message = Clip(message, MaxMessageLength),
        Details = { Any.Pack(new ErrorInfo { Domain = Domain, Reason = reason, Metadata = { Clipped(metadata) } }) },
    };

    // Messages and metadata never carry unbounded input: grpc-message and grpc-status-details-bin are headers,
    // and a client refuses headers past its limit (64 KiB for HttpClient) with a bare UNAVAILABLE.
    private const int MaxMessageLength = 1024;
    private const int MaxValueLength = 100;

    private static string Clip(string text, int max)
    {
        if (text.Length <= max)
            return text;
        var cut = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return string.Concat(text.AsSpan(0, cut), "…");
    }

    private static Dictionary<string, string> Clipped(IEnumerable<KeyValuePair<string, string>> metadata) =>
        metadata.ToDictionary(m => m.Key, m => Clip(m.Value, MaxValueLength));
}
