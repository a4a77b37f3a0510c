using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.IntegrationTests.Infrastructure;
using ExchangeClient = Qweeby.Routing.Contracts.V1.Exchange.ExchangeClient;

namespace Qweeby.Routing.IntegrationTests.Exchange;

/// <summary>Invoices to submit, and waiting for their transmissions to get somewhere.</summary>
public static class Invoices
{
    public const string UblInvoice = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017::2.1";
    public const string Billing = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";

    public static byte[] Document(string invoiceNumber = "F-1", int size = 0)
    {
        var xml = Encoding.UTF8.GetBytes($"<Invoice><ID>{invoiceNumber}</ID><Note>{Guid.NewGuid()}</Note></Invoice>");
        return size <= xml.Length ? xml : [.. xml, .. Enumerable.Repeat((byte)' ', size - xml.Length)];
    }

    public static string Sha256(byte[] document) => Convert.ToHexStringLower(SHA256.HashData(document));

    public static SubmitRequest Submit(string sender, string recipient, string? messageId = null, byte[]? document = null)
    {
        messageId ??= $"msg-{Guid.NewGuid():N}";
        return new SubmitRequest
        {
            Envelope = new Envelope
            {
                Sender = sender,
                Recipient = new RecipientReference { Identifier = recipient },
                DocumentType = UblInvoice,
                Process = Billing,
                MessageId = messageId,
                InvoiceNumber = $"F-{messageId}",
                IssueDate = Timestamp.FromDateTime(new DateTime(2026, 1, 15, 0, 0, 0, DateTimeKind.Utc)),
            },
            Document = ByteString.CopyFrom(document ?? Document(messageId)),
        };
    }

    public static async Task<Transmission> StatusAsync(this ExchangeClient client, string transmissionId, TransmissionStatus status, TimeSpan? within = null)
    {
        Transmission? last = null;
        try
        {
            await Eventually.True(async () =>
                {
                    last = await client.GetTransmissionAsync(new GetTransmissionRequest { TransmissionId = transmissionId });
                    return last.Status == status;
                },
                within ?? TimeSpan.FromSeconds(20), $"transmission {transmissionId} {status}");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; last seen {last?.Status} ({last?.StatusDetail}), events: "
                + string.Join(", ", last?.Events.Select(x => $"{x.Status} {x.Detail}") ?? [])
                + "; attempts: " + string.Join(", ", last?.Attempts.Select(a => $"{a.Attempt} {a.Outcome} {a.ErrorCode} {a.ErrorDetail}") ?? []), e);
        }
        return last!;
    }
}
