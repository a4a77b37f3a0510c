using Qweeby.Routing.Data.Exchange;

namespace Qweeby.Routing.Server.Exchange;

/// <summary>
/// What differs between the invoice first stored under a message id and one sent again with it. Nothing:
/// a retry, answered with the first answer. Anything: a different invoice, refused as a conflict.
/// </summary>
internal static class EnvelopeDifferences
{
    public static List<string> Of(InvoiceEnvelope first, InvoiceEnvelope again, bool sameRecipient)
    {
        var differences = new List<string>();
        if (first.ContentSha256 != again.ContentSha256)
            differences.Add("document");
        if (!sameRecipient)
            differences.Add("recipient");
        if (first.DocumentType != again.DocumentType || first.Process != again.Process)
            differences.Add("document type or process");
        if (first.InvoiceNumber != again.InvoiceNumber || first.IssueDate != again.IssueDate)
            differences.Add("invoice number or issue date");
        return differences;
    }
}
