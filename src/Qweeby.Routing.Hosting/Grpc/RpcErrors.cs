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

    public static RpcException ToException(this RpcStatus status) => status.ToRpcException();

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
