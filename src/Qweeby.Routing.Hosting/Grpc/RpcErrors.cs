using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Qweeby.Routing.Core.Identifiers;
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

    public static RpcStatus Invalid(IReadOnlyCollection<BadRequest.Types.FieldViolation> violations) => new()
    {
        Code = (int)Code.InvalidArgument,
        Message = violations.Count == 1
            ? $"{violations.First().Field}: {violations.First().Description}"
            : $"{violations.Count} fields are invalid: " + string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")),
        Details =
        {
            Any.Pack(new ErrorInfo { Domain = Domain, Reason = InvalidRequest }),
            Any.Pack(new BadRequest { FieldViolations = { violations } }),
        },
    };

    public static RpcStatus Invalid(string field, string reason, string description) =>
        Invalid([Violation(field, reason, description)]);

    public static BadRequest.Types.FieldViolation Violation(string field, string reason, string description) =>
        new() { Field = field, Reason = reason, Description = description };

    public static BadRequest.Types.FieldViolation Violation(string field, IdentifierError error) =>
        Violation(field, ToReason(error.Rule), error.Description);

    public static RpcStatus Rejected(RoutingRejection rejection) => new()
    {
        Code = (int)(rejection.Kind == RejectionKind.NotFound ? Code.NotFound : Code.FailedPrecondition),
        Message = rejection.Message,
        Details = { Any.Pack(new ErrorInfo { Domain = Domain, Reason = rejection.Reason, Metadata = { rejection.Metadata.ToDictionary() } }) },
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
        $"Message id '{messageId}' was already used by this sender for transmission {transmissionId}, with a different " +
        $"{string.Join(", ", differences)}. Use a new message id for a new invoice; resend the same one unchanged to get the first answer.",
        ("message_id", messageId), ("transmission_id", transmissionId));

    public static RpcStatus TransmissionNotFound(string transmissionId) => Error(
        Code.NotFound, "TRANSMISSION_NOT_FOUND", $"No transmission {transmissionId} here. Check the id: it is the transmission_id Submit answered.",
        ("transmission_id", transmissionId));

    /// <summary>The sender or recipient named by a list, watch or inbox call is not in the directory (or is ambiguous).</summary>
    public static RpcStatus PartyNotFound(string field, string reference, int matches) => matches == 0
        ? Error(Code.NotFound, field == "recipient" ? RejectionReasons.RecipientNotFound : RejectionReasons.SenderNotFound,
            $"{reference} matches no entity in the directory.", (field, reference))
        : Error(Code.FailedPrecondition, field == "recipient" ? RejectionReasons.RecipientAmbiguous : "SENDER_AMBIGUOUS",
            $"{reference} matches {matches} entities (establishments registered separately). Use a SIRET.", (field, reference));

    /// <summary>Receive from a caller that is not a known, active partner access point.</summary>
    public static RpcStatus PartnerUnknown(string? partnerId) => Error(
        Code.PermissionDenied, "PARTNER_UNKNOWN",
        string.IsNullOrEmpty(partnerId)
            ? "Receive is for partner access points: identify yourself as a registered service provider."
            : $"{partnerId} is not an active service provider of this platform's directory. Ask us to register your access point.",
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

    public static RpcStatus InboxItemsNotFound(string recipient, IEnumerable<string> ids) => Error(
        Code.NotFound, "INBOX_ITEM_NOT_FOUND",
        $"Not in the inbox of {recipient}: {string.Join(", ", ids)}. Nothing was acknowledged.",
        ("recipient", recipient));

    public static RpcException ToException(this RpcStatus status) => status.ToRpcException();

    private static RpcStatus Error(Code code, string reason, string message, params (string Key, string Value)[] metadata) => new()
    {
        Code = (int)code,
        Message = message,
        Details = { Any.Pack(new ErrorInfo { Domain = Domain, Reason = reason, Metadata = { metadata.ToDictionary(m => m.Key, m => m.Value) } }) },
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
            _ => Code.FailedPrecondition,
        },
        refusal.Reason, refusal.Message, refusal.Metadata);

    /// <summary>An admin request names an entity the directory does not have (field says which reference).</summary>
    public static RpcStatus EntityNotFound(string field, string reference) => AdminError(Code.NotFound, "ENTITY_NOT_FOUND",
        $"{field}: no entity in the directory is {reference}. Check the identifier, or create the entity first.",
        new Dictionary<string, string> { ["field"] = field, ["reference"] = reference });

    /// <summary>A SIREN matching several entities (establishments registered separately).</summary>
    public static RpcStatus EntityAmbiguous(string field, string reference, int matches) => AdminError(Code.FailedPrecondition, "ENTITY_AMBIGUOUS",
        $"{field}: {reference} matches {matches} entities (establishments registered separately). Name one by its SIRET or entity id.",
        new Dictionary<string, string> { ["field"] = field, ["reference"] = reference });

    private static RpcStatus AdminError(Code code, string reason, string message, IReadOnlyDictionary<string, string> metadata) => new()
    {
        Code = (int)code,
        Message = message,
        Details = { Any.Pack(new ErrorInfo { Domain = Domain, Reason = reason, Metadata = { metadata.ToDictionary() } }) },
    };

    private static string ToReason(IdentifierRule rule) => rule switch
    {
        IdentifierRule.Empty => "REQUIRED",
        IdentifierRule.TooLong => "TOO_LONG",
        IdentifierRule.Characters => "CHARACTERS",
        IdentifierRule.Length => "LENGTH",
        IdentifierRule.CheckDigit => "CHECK_DIGIT",
        IdentifierRule.UnknownScheme => "UNKNOWN_SCHEME",
        _ => "FORMAT",
    };
}
