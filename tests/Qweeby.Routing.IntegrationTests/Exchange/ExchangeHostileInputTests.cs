using Grpc.Core;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.IntegrationTests.Infrastructure;
using ExchangeClient = Qweeby.Routing.Contracts.V1.Exchange.ExchangeClient;

namespace Qweeby.Routing.IntegrationTests.Exchange;

/// <summary>
/// Every string field of the Exchange and ExchangeOperations RPCs, tried with injection, control
/// characters, oversized, odd Unicode values: each gets a clear answer, never INTERNAL or UNKNOWN.
/// (Some are valid text, such as an invoice number "' OR '1'='1", and are accepted as such.)
/// </summary>
public sealed class ExchangeHostileInputTests(ExchangeFixture fx) : IClassFixture<ExchangeFixture>
{
    public static readonly TheoryData<string> Hostile =
    [
        "' OR '1'='1",
        "732829320'; DROP TABLE transmission; --",
        "0009:73282932000074\0",
        "\u0007\u001b[31m\r\n",
        new string('9', 100_000),
        "\u202Eevil\u202C",
        "\uD83D\uDE00\uD83D\uDE00",
        "%_\\%",
        ":",
    ];

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Every_exchange_field_answers_a_hostile_value_clearly(string value)
    {
        var peers = fx.Peers;
        var pair = await peers.PairAsync();
        var a = peers.ClientA;
        var b = peers.AsPartnerOfB;
        var operations = await peers.OperationsAsync();
        SubmitRequest Submit(Action<Envelope> spoil)
        {
            var request = Invoices.Submit(pair.Sender, pair.Recipient);
            spoil(request.Envelope);
            return request;
        }
        ReceiveRequest Receive(Action<ReceiveRequest> spoil)
        {
            var submit = Invoices.Submit($"0009:{pair.Sender}", $"0009:{pair.Recipient}");
            var request = new ReceiveRequest { Envelope = submit.Envelope, Document = submit.Document, RecipientId = $"0009:{pair.Recipient}" };
            spoil(request);
            return request;
        }

        Func<Task>[] calls =
        [
            () => a.SubmitAsync(Submit(e => e.Sender = value)).ResponseAsync,
            () => a.SubmitAsync(Submit(e => e.Recipient = new RecipientReference { Identifier = value })).ResponseAsync,
            () => a.SubmitAsync(Submit(e => e.Recipient = new RecipientReference { CustomerNumber = value })).ResponseAsync,
            () => a.SubmitAsync(Submit(e => e.DocumentType = value)).ResponseAsync,
            () => a.SubmitAsync(Submit(e => e.Process = value)).ResponseAsync,
            () => a.SubmitAsync(Submit(e => e.MessageId = value)).ResponseAsync,
            () => a.SubmitAsync(Submit(e => e.InvoiceNumber = value)).ResponseAsync,
            () => a.SubmitAsync(Submit(e => e.ContentSha256 = value)).ResponseAsync,
            () => b.ReceiveAsync(Receive(r => r.RecipientId = value)).ResponseAsync,
            () => b.ReceiveAsync(Receive(r => r.Envelope.Sender = value)).ResponseAsync,
            () => b.ReceiveAsync(Receive(r => r.Envelope.MessageId = value)).ResponseAsync,
            () => b.ReceiveAsync(Receive(r => r.Envelope.InvoiceNumber = value)).ResponseAsync,
            () => a.GetTransmissionAsync(new GetTransmissionRequest { TransmissionId = value }).ResponseAsync,
            () => a.ListTransmissionsAsync(new ListTransmissionsRequest { Sender = value }).ResponseAsync,
            () => a.ListTransmissionsAsync(new ListTransmissionsRequest { Sender = pair.Sender, PageToken = value }).ResponseAsync,
            () => HostileCalls.WatchOnceAsync(a.WatchTransmissions(new WatchTransmissionsRequest { Sender = value })),
            () => HostileCalls.WatchOnceAsync(a.WatchTransmissions(new WatchTransmissionsRequest { Sender = pair.Sender, Cursor = value })),
            () => peers.InboxClientB.FetchInboxAsync(new FetchInboxRequest { Recipient = value }).ResponseAsync,
            () => peers.InboxClientB.FetchInboxAsync(new FetchInboxRequest { Recipient = pair.Recipient, PageToken = value }).ResponseAsync,
            () => peers.InboxClientB.AcknowledgeInboxAsync(new AcknowledgeInboxRequest { Recipient = pair.Recipient, TransmissionIds = { value } }).ResponseAsync,
            () => operations.ReplayAsync(new ReplayRequest { TransmissionId = value, Reason = "hostile" }).ResponseAsync,
            () => operations.ReplayAsync(new ReplayRequest { TransmissionId = Guid.NewGuid().ToString(), Reason = value }).ResponseAsync,
        ];

        await HostileCalls.AssertEachAnswersClearlyAsync(calls, value);
    }
}
