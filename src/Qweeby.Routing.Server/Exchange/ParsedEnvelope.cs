using Qweeby.Routing.Core.Identifiers;
using Qweeby.Routing.Data.Exchange;

namespace Qweeby.Routing.Server.Exchange;

/// <summary>A valid Submit or Receive request: sender, the invoice's fields, the document and its SHA-256.</summary>
/// <param name="RecipientId">The recipient identifier to forward or to deliver to; null for a customer number.</param>
public sealed record ParsedEnvelope(
    PartyId Sender,
    PartyId? RecipientId,
    string DocumentType,
    string Process,
    string MessageId,
    string InvoiceNumber,
    DateOnly IssueDate,
    string ContentSha256,
    ReadOnlyMemory<byte> Document)
{
    public InvoiceEnvelope ToEnvelope(string recipientId) =>
        new(Sender.ToString(), recipientId, DocumentType, Process, MessageId, InvoiceNumber, IssueDate, ContentSha256);
}
