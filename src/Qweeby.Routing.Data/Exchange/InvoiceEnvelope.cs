namespace Qweeby.Routing.Data.Exchange;

/// <summary>
/// What travels with a document between access points, normalized: <paramref name="Sender"/> and
/// <paramref name="RecipientId"/> as "ICD:value".
/// </summary>
public sealed record InvoiceEnvelope(
    string Sender,
    string RecipientId,
    string DocumentType,
    string Process,
    string MessageId,
    string InvoiceNumber,
    DateOnly IssueDate,
    string ContentSha256);
