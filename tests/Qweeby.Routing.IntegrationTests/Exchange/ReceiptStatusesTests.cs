using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Data.Lifecycle;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Exchange;

/// <summary>
/// B's reception statuses (202 Reçue, 203 Mise à disposition) travel back in the receipt of the invoice's delivery when the
/// sending access point asks (ours always does): recorded at A with the delivery, no ReceiveStatus call, no outbox row at B.
/// </summary>
public sealed class ReceiptStatusesTests(ExchangeFixture fx) : IClassFixture<ExchangeFixture>
{
    private ExchangePeers Peers => fx.Peers;

    private static ReceiveRequest Delivery(TradingPair pair, bool statusesInReceipt)
    {
        var submit = Invoices.Submit($"0009:{pair.Sender}", $"0009:{pair.Recipient}");
        submit.Envelope.ContentSha256 = Invoices.Sha256(submit.Document.ToByteArray());
        return new ReceiveRequest
        {
            Envelope = submit.Envelope, Document = submit.Document, RecipientId = $"0009:{pair.Recipient}", StatusesInReceipt = statusesInReceipt,
        };
    }

    [Fact]
    public async Task Bs_reception_statuses_are_recorded_at_A_by_the_transaction_that_records_the_delivery()
    {
        var pair = await Peers.PairAsync();

        var accepted = await Peers.ClientA.SubmitAsync(Invoices.Submit(pair.Sender, pair.Recipient));
        await Peers.ClientA.StatusAsync(accepted.TransmissionId, TransmissionStatus.Delivered, TimeSpan.FromSeconds(20));
        // Read at once: by ReceiveStatus they would come in transactions of their own, after the delivery's.
        var atA = await Peers.ClientA.TimelineAsync(accepted.TransmissionId);
        var inboxItem = Guid.Parse(await Peers.InboxItemAtBAsync(accepted.MessageId));
        var atB = await Peers.InboxClientB.TimelineAsync(inboxItem.ToString());

        Assert.Equal(Lifecycles.Delivered, atA.Codes());
        Assert.Equal(atB.Statuses.Select(s => s.StatusId), atA.Statuses.Select(s => s.StatusId));
        Assert.All(atA.Statuses.TakeLast(2), s => Assert.Equal((LifecycleParty.Platform, ExchangePeers.ProviderB), (s.SetBy, s.PlatformId)));
        // At B they count as delivered with the receipt, and never entered the outbox.
        Assert.All(atB.Statuses.TakeLast(2), s => Assert.Equal(
            (Qweeby.Routing.Contracts.V1.StatusDeliveryState.Delivered, LifecycleWrites.InReceiptDetail, 0),
            (s.Delivery.State, s.Delivery.Detail, s.Delivery.Attempts)));
        Assert.Equal(0, await Peers.SeedB.CountAsync("SELECT count(*) FROM outbox o JOIN lifecycle_status s ON s.row_id = o.status_row_id WHERE s.inbox_item_id = $1", inboxItem));
        Assert.Equal(0, await Peers.SeedA.CountAsync("SELECT count(*) FROM lifecycle_status WHERE transmission_id = $1 AND seq IS NULL", Guid.Parse(accepted.TransmissionId)));
    }

    [Fact]
    public async Task Every_repeat_of_the_receipt_carries_the_same_statuses_and_a_partner_that_does_not_ask_gets_them_by_ReceiveStatus()
    {
        var pair = await Peers.PairAsync();
        var asking = Delivery(pair, statusesInReceipt: true);
        var notAsking = Delivery(pair, statusesInReceipt: false);

        var first = await Peers.AsPartnerOfB.ReceiveAsync(asking);
        var repeat = await Peers.AsPartnerOfB.ReceiveAsync(asking);
        var plain = await Peers.AsPartnerOfB.ReceiveAsync(notAsking);

        Assert.Equal(first, repeat);
        Assert.Equal([LifecycleCode.Received, LifecycleCode.MadeAvailable], first.Statuses.Select(s => s.Code));
        Assert.All(first.Statuses, s => Assert.Equal((LifecycleParty.Platform, ExchangePeers.ProviderB), (s.SetBy, s.PlatformId)));
        var atB = await Peers.InboxClientB.TimelineAsync(first.TransmissionId);
        Assert.Equal(atB.Statuses.Select(s => s.StatusId), first.Statuses.Select(s => s.StatusId));
        Assert.Empty(plain.Statuses);
        Assert.Equal(2, await Peers.SeedB.CountAsync(
            "SELECT count(*) FROM lifecycle_status WHERE inbox_item_id = $1 AND delivery_state IS NOT NULL AND delivery_detail <> $2",
            Guid.Parse(plain.TransmissionId), LifecycleWrites.InReceiptDetail));
    }

    [Fact]
    public async Task A_retry_that_no_longer_asks_for_the_statuses_gets_them_queued_for_ReceiveStatus()
    {
        var pair = await Peers.PairAsync();
        var asking = Delivery(pair, statusesInReceipt: true);

        var first = await Peers.AsPartnerOfB.ReceiveAsync(asking);
        var inReceiptBefore = await InReceiptAsync(first.TransmissionId);
        var retry = await Peers.AsPartnerOfB.ReceiveAsync(new ReceiveRequest(asking) { StatusesInReceipt = false });

        Assert.Equal(first.TransmissionId, retry.TransmissionId);
        Assert.Empty(retry.Statuses);
        Assert.Equal(2, inReceiptBefore);
        Assert.Equal(0, await InReceiptAsync(first.TransmissionId));
        // Queued for the partner like any status that travels: pending, or already tried.
        Assert.Equal(2, await Peers.SeedB.CountAsync(
            "SELECT count(*) FROM lifecycle_status WHERE inbox_item_id = $1 AND code IN (202, 203) AND delivery_state IS NOT NULL", Guid.Parse(first.TransmissionId)));
    }

    private Task<long> InReceiptAsync(string inboxItemId) => Peers.SeedB.CountAsync(
        "SELECT count(*) FROM lifecycle_status WHERE inbox_item_id = $1 AND delivery_state = 'delivered' AND delivery_detail = $2",
        Guid.Parse(inboxItemId), LifecycleWrites.InReceiptDetail);
}
