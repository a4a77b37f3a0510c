using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Core.Identifiers;
using Qweeby.Routing.Core.Routing;
using Qweeby.Routing.Hosting.Grpc;
using RpcStatus = Google.Rpc.Status;

namespace Qweeby.Routing.Server.Grpc;

/// <summary>Turns RecipientDirectory requests into parsed queries, collecting every field violation at once.</summary>
public static class DirectoryRequests
{
    private const int MaxTextLength = 200;

    public static RoutingQuery ToQuery(ResolveRequest request) =>
        At(ToQuery(request.Sender, request.Recipient, request.DocumentType, request.Process, "recipient", out var invalid)
            ?? throw invalid!.ToException(), request.At);

    /// <summary>Parses the shared part of a batch: a bad sender fails the whole call.</summary>
    public static PartyId? ParseBatchSender(ResolveBatchRequest request)
    {
        var violations = new List<BadRequest.Types.FieldViolation>();
        var sender = ParseSender(request.Sender, violations);
        CheckText("document_type", request.DocumentType, violations);
        CheckText("process", request.Process, violations);
        return violations.Count > 0 ? throw RpcErrors.Invalid(violations).ToException() : sender;
    }

    /// <summary>One batch item; null with <paramref name="invalid"/> set when the item is malformed.</summary>
    public static RoutingQuery? ToQuery(ResolveBatchRequest request, int index, out RpcStatus? invalid) =>
        ToQuery(request.Sender, request.Recipients[index], request.DocumentType, request.Process, $"recipients[{index}]", out invalid)
            is { } query ? At(query, request.At) : null;

    private static RoutingQuery At(RoutingQuery query, Timestamp? at) =>
        RequestTimestamps.ReadOrThrow("at", at) is { } moment ? query with { At = moment } : query;

    internal static RoutingQuery? ToQuery(string sender, RecipientReference? recipient, string documentType, string process, string field, out RpcStatus? invalid)
    {
        var violations = new List<BadRequest.Types.FieldViolation>();
        var senderId = ParseSender(sender, violations);
        PartyId? recipientId = null;
        CustomerNumber? number = null;
        switch (recipient?.KindCase)
        {
            case RecipientReference.KindOneofCase.Identifier:
                if (PartyId.TryParse(recipient.Identifier, out var id, out var idError))
                    recipientId = id;
                else
                    violations.Add(RpcErrors.Violation($"{field}.identifier", idError));
                break;
            case RecipientReference.KindOneofCase.CustomerNumber:
                if (!CustomerNumber.TryParse(recipient.CustomerNumber, out var n, out var numberError))
                    violations.Add(RpcErrors.Violation($"{field}.customer_number", numberError));
                else if (string.IsNullOrEmpty(sender))
                    violations.Add(RpcErrors.Violation("sender", "REQUIRED", "A customer number belongs to a sender's customer directory: give the sender."));
                else
                    number = n;
                break;
            default:
                violations.Add(RpcErrors.Violation(field, "REQUIRED", "Give the recipient as an identifier or as a customer number."));
                break;
        }
        CheckText("document_type", documentType, violations);
        CheckText("process", process, violations);

        invalid = violations.Count > 0 ? RpcErrors.Invalid(violations) : null;
        return invalid is null ? new RoutingQuery(senderId, recipientId, number, NullIfEmpty(documentType), NullIfEmpty(process)) : null;
    }

    private static PartyId? ParseSender(string sender, List<BadRequest.Types.FieldViolation> violations)
    {
        if (string.IsNullOrEmpty(sender))
            return null;
        if (PartyId.TryParse(sender, out var id, out var error))
            return id;
        violations.Add(RpcErrors.Violation("sender", error));
        return null;
    }

    public static void CheckText(string field, string value, List<BadRequest.Types.FieldViolation> violations)
    {
        if (value.Length > MaxTextLength)
            violations.Add(RpcErrors.Violation(field, "TOO_LONG", $"At most {MaxTextLength} characters; this one has {value.Length}."));
        else if (value.AsSpan().ContainsAnyInRange('\u0000', '\u001F') || value.AsSpan().ContainsAnyInRange('\u007F', '\u009F')) // char.IsControl
            violations.Add(RpcErrors.Violation(field, "CHARACTERS", "Control characters are not allowed."));
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
