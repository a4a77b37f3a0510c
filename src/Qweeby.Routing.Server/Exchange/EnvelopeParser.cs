using System.Security.Cryptography;
using Google.Protobuf;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Core.Identifiers;
using Qweeby.Routing.Core.Routing;
using Qweeby.Routing.Hosting.Grpc;
using Qweeby.Routing.Server.Grpc;
using FieldViolation = Google.Rpc.BadRequest.Types.FieldViolation;

namespace Qweeby.Routing.Server.Exchange;

/// <summary>
/// Checks Submit and Receive requests, collecting every field violation before failing once
/// (INVALID_ARGUMENT; DOCUMENT_TOO_LARGE when the document passes the limit). Sender and recipient
/// parse exactly as Resolve parses them.
/// </summary>
internal static class EnvelopeParser
{
    public const int MaxMessageIdLength = 128;

    public static (ParsedEnvelope Envelope, RoutingQuery Query) ParseSubmit(SubmitRequest request, int maxDocumentBytes, DateTimeOffset now)
    {
        var violations = new List<FieldViolation>();
        var e = request.Envelope;
        RoutingQuery? query = null;
        if (e is null)
            violations.Add(RpcErrors.Violation("envelope", "REQUIRED", "Give the envelope: sender, recipient, document type, process, message id, invoice number, issue date."));
        else
        {
            query = DirectoryRequests.ToQuery(e.Sender, e.Recipient, e.DocumentType, e.Process, "recipient", out var invalid);
            if (invalid is not null)
                violations.AddRange(RpcErrors.ViolationsOf(invalid).Select(v => RpcErrors.Violation($"envelope.{v.Field}", v.Reason, v.Description)));
            CheckEnvelope(e, violations);
        }
        var parsed = Finish(e, query?.Sender, query?.RecipientId, request.Document, maxDocumentBytes, now, violations);
        return (parsed, query! with { At = parsed.IssueDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) });
    }

    public static ParsedEnvelope ParseReceive(ReceiveRequest request, int maxDocumentBytes, DateTimeOffset now)
    {
        var violations = new List<FieldViolation>();
        var e = request.Envelope;
        PartyId? sender = null;
        PartyId? recipient = null;
        if (e is null)
            violations.Add(RpcErrors.Violation("envelope", "REQUIRED", "Give the envelope: sender, document type, process, message id, invoice number, issue date."));
        else
        {
            sender = Identifier("envelope.sender", e.Sender, violations);
            CheckEnvelope(e, violations);
            DirectoryRequests.CheckText("envelope.document_type", e.DocumentType, violations);
            DirectoryRequests.CheckText("envelope.process", e.Process, violations);
        }
        recipient = Identifier("recipient_id", request.RecipientId, violations);
        return Finish(e, sender, recipient, request.Document, maxDocumentBytes, now, violations);
    }

    private static void CheckEnvelope(Envelope e, List<FieldViolation> violations)
    {
        if (e.Sender.Length == 0)
            violations.Add(RpcErrors.Violation("envelope.sender", "REQUIRED", "Give the sending entity's identifier."));
        Required("envelope.document_type", e.DocumentType, violations);
        Required("envelope.process", e.Process, violations);
        if (e.MessageId.Length is 0 or > MaxMessageIdLength || e.MessageId.Any(char.IsControl) || e.MessageId.Trim().Length != e.MessageId.Length)
            violations.Add(RpcErrors.Violation("envelope.message_id", e.MessageId.Length == 0 ? "REQUIRED" : "FORMAT",
                $"The message id is yours to choose, unique per sender: 1 to {MaxMessageIdLength} characters, no control characters, no leading or trailing space."));
        if (Required("envelope.invoice_number", e.InvoiceNumber, violations))
            DirectoryRequests.CheckText("envelope.invoice_number", e.InvoiceNumber, violations);
        if (e.ContentSha256.Length > 0 && (e.ContentSha256.Length != 64 || !e.ContentSha256.All(char.IsAsciiHexDigitLower)))
            violations.Add(RpcErrors.Violation("envelope.content_sha256", "FORMAT", "The SHA-256 of the document is 64 lower-case hexadecimal characters; leave it empty to skip the check."));
    }

    private static ParsedEnvelope Finish(Envelope? e, PartyId? sender, PartyId? recipient, ByteString document, int maxDocumentBytes,
        DateTimeOffset now, List<FieldViolation> violations)
    {
        var issueDate = IssueDate(e, now, violations);
        var tooLarge = document.Length > maxDocumentBytes;
        var sha = "";
        if (document.Length == 0)
            violations.Add(RpcErrors.Violation("document", "REQUIRED", "Give the invoice document (UBL, CII or Factur-X)."));
        else if (tooLarge)
            violations.Add(RpcErrors.Violation("document", "TOO_LARGE", $"The document has {document.Length} bytes; the limit is {maxDocumentBytes} bytes."));
        else
        {
            sha = Convert.ToHexStringLower(SHA256.HashData(document.Span));
            if (e is { ContentSha256.Length: 64 } && e.ContentSha256 != sha)
                violations.Add(RpcErrors.Violation("envelope.content_sha256", "MISMATCH", $"The document's SHA-256 is {sha}, not {e.ContentSha256}: it was altered or truncated on the way."));
        }
        if (tooLarge)
            throw RpcErrors.DocumentTooLarge(violations.DistinctBy(v => v.Field).ToList(), maxDocumentBytes).ToException();
        if (violations.Count > 0)
            throw RpcErrors.Invalid(violations.DistinctBy(v => v.Field).ToList()).ToException();
        return new ParsedEnvelope(sender!.Value, recipient, e!.DocumentType, e.Process, e.MessageId, e.InvoiceNumber, issueDate, sha, document.Memory);
    }

    private static DateOnly IssueDate(Envelope? e, DateTimeOffset now, List<FieldViolation> violations)
    {
        if (e is null)
            return default;
        if (e.IssueDate is null)
        {
            violations.Add(RpcErrors.Violation("envelope.issue_date", "REQUIRED", "Give the invoice's issue date."));
            return default;
        }
        if (RequestTimestamps.Read("envelope.issue_date", e.IssueDate, violations) is not { } moment)
            return default;
        var date = DateOnly.FromDateTime(moment.UtcDateTime);
        // A day of slack: the sender's today may already be tomorrow in UTC.
        if (date > DateOnly.FromDateTime(now.UtcDateTime).AddDays(1))
            violations.Add(RpcErrors.Violation("envelope.issue_date", "IN_FUTURE", $"An invoice may not be dated in the future ({date:yyyy-MM-dd})."));
        return date;
    }

    private static PartyId? Identifier(string field, string value, List<FieldViolation> violations)
    {
        if (value.Length == 0)
        {
            violations.Add(RpcErrors.Violation(field, "REQUIRED", "Give an identifier such as '0009:73282932000074'."));
            return null;
        }
        if (PartyId.TryParse(value, out var id, out var error))
            return id;
        violations.Add(RpcErrors.Violation(field, error));
        return null;
    }

    private static bool Required(string field, string value, List<FieldViolation> violations)
    {
        if (value.Length > 0)
            return true;
        violations.Add(RpcErrors.Violation(field, "REQUIRED", $"Give the {field[(field.IndexOf('.') + 1)..].Replace('_', ' ')}."));
        return false;
    }
}
