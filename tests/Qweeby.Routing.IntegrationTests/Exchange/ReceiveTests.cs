using Grpc.Core;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Exchange;

/// <summary>B's side: Receive from a partner (called here as A would, with A's certificate), and the inbox.</summary>
public sealed class ReceiveTests(ExchangeFixture fx) : IClassFixture<ExchangeFixture>
{
    private ExchangePeers Peers => fx.Peers;

    private static ReceiveRequest Delivery(TradingPair pair, string? messageId = null, byte[]? document = null)
    {
        var submit = Invoices.Submit($"0009:{pair.Sender}", $"0009:{pair.Recipient}", messageId, document);
        submit.Envelope.ContentSha256 = Invoices.Sha256(submit.Document.ToByteArray());
        return new ReceiveRequest { Envelope = submit.Envelope, Document = submit.Document, RecipientId = $"0009:{pair.Recipient}" };
    }

    [Fact]
    public async Task A_partners_retry_gets_the_original_receipt_and_no_second_inbox_item()
    {
        var pair = await Peers.PairAsync();
        var delivery = Delivery(pair);

        var first = await Peers.AsPartnerOfB.ReceiveAsync(delivery);
        var retry = await Peers.AsPartnerOfB.ReceiveAsync(delivery);

        Assert.Equal(first, retry);
        Assert.Equal(delivery.Envelope.ContentSha256, first.ContentSha256);
        Assert.Equal(1, await Peers.SeedB.CountAsync("SELECT count(*) FROM inbox_item WHERE message_id = $1", delivery.Envelope.MessageId));
    }

    [Fact]
    public async Task The_same_message_id_with_another_document_is_a_conflict_at_the_receiver()
    {
        var pair = await Peers.PairAsync();
        var delivery = Delivery(pair);
        await Peers.AsPartnerOfB.ReceiveAsync(delivery);

        var conflict = await RpcAssert.FailsAsync(StatusCode.AlreadyExists,
            () => Peers.AsPartnerOfB.ReceiveAsync(Delivery(pair, delivery.Envelope.MessageId, Invoices.Document("F-changed"))).ResponseAsync);

        Assert.Equal("MESSAGE_ID_CONFLICT", conflict.Reason());
    }

    [Fact]
    public async Task A_recipient_that_does_not_receive_through_B_is_refused()
    {
        var pair = await Peers.PairAsync();
        var elsewhere = TestIds.Siret(TestIds.Siren());
        await Peers.SeedB.CompanyAsync("Customer Elsewhere", elsewhere, ExchangePeers.ProviderC);
        var delivery = Delivery(pair);
        delivery.RecipientId = $"0009:{elsewhere}";
        delivery.Envelope.Recipient.Identifier = delivery.RecipientId;

        var refused = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => Peers.AsPartnerOfB.ReceiveAsync(delivery).ResponseAsync);

        Assert.Equal("RECIPIENT_NOT_HOSTED_HERE", refused.Reason());
        Assert.Equal(0, await Peers.SeedB.CountAsync("SELECT count(*) FROM inbox_item WHERE message_id = $1", delivery.Envelope.MessageId));
    }

    [Fact]
    public async Task A_malformed_delivery_is_refused_with_every_bad_field()
    {
        var pair = await Peers.PairAsync();
        var delivery = Delivery(pair);
        delivery.RecipientId = "732829321";
        delivery.Envelope.MessageId = "";
        delivery.Envelope.ContentSha256 = new string('0', 64);

        var refused = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Peers.AsPartnerOfB.ReceiveAsync(delivery).ResponseAsync);

        Assert.Equal(["envelope.content_sha256", "envelope.message_id", "recipient_id"], refused.Violations().Select(v => v.Field).Order());
    }

    [Fact]
    public async Task The_inbox_pages_oldest_first_and_acknowledged_items_leave_it()
    {
        var pair = await Peers.PairAsync();
        var receipts = new List<ReceiveReceipt>();
        for (var i = 0; i < 3; i++)
            receipts.Add(await Peers.AsPartnerOfB.ReceiveAsync(Delivery(pair)));
        var inbox = Peers.InboxClientB;

        var page1 = await inbox.FetchInboxAsync(new FetchInboxRequest { Recipient = pair.Recipient, PageSize = 2 });
        var page2 = await inbox.FetchInboxAsync(new FetchInboxRequest { Recipient = pair.Recipient, PageSize = 2, PageToken = page1.NextPageToken });
        var acknowledged = await inbox.AcknowledgeInboxAsync(new AcknowledgeInboxRequest { Recipient = pair.Recipient, TransmissionIds = { page1.Items.Select(i => i.TransmissionId) } });
        var again = await inbox.AcknowledgeInboxAsync(new AcknowledgeInboxRequest { Recipient = pair.Recipient, TransmissionIds = { page1.Items[0].TransmissionId } });
        var rest = await inbox.FetchInboxAsync(new FetchInboxRequest { Recipient = pair.Recipient });
        var everything = await inbox.FetchInboxAsync(new FetchInboxRequest { Recipient = pair.Recipient, IncludeAcknowledged = true });

        Assert.Equal(receipts.Select(r => r.TransmissionId), page1.Items.Concat(page2.Items).Select(i => i.TransmissionId));
        Assert.Equal("", page2.NextPageToken);
        Assert.Equal((2, 0), (acknowledged.NewlyAcknowledged, again.NewlyAcknowledged));
        Assert.Equal(receipts[2].TransmissionId, Assert.Single(rest.Items).TransmissionId);
        Assert.Equal(2, everything.Items.Count(i => i.AcknowledgedAt is not null));
    }

    [Fact]
    public async Task Acknowledging_an_item_of_another_inbox_acknowledges_nothing()
    {
        var pair = await Peers.PairAsync();
        var other = await Peers.PairAsync("Other");
        var mine = await Peers.AsPartnerOfB.ReceiveAsync(Delivery(pair));
        var theirs = await Peers.AsPartnerOfB.ReceiveAsync(Delivery(other));

        var refused = await RpcAssert.FailsAsync(StatusCode.NotFound, () => Peers.InboxClientB.AcknowledgeInboxAsync(
            new AcknowledgeInboxRequest { Recipient = pair.Recipient, TransmissionIds = { mine.TransmissionId, theirs.TransmissionId } }).ResponseAsync);

        Assert.Equal("INBOX_ITEM_NOT_FOUND", refused.Reason());
        Assert.Single((await Peers.InboxClientB.FetchInboxAsync(new FetchInboxRequest { Recipient = pair.Recipient })).Items);
    }
}
