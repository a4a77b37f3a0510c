using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Exchange;

/// <summary>
/// Forwarding in batches: claims of several rows by two hosts of A sharing one outbox, outcomes recorded for
/// several claims at once, and B storing concurrent deliveries together. Each test has its own A and B.
/// </summary>
public sealed class BatchedForwardingTests : IAsyncDisposable
{
    private const int InvoiceCount = 24;
    private ExchangePeers? _peers;
    private RunningHost? _secondA;

    [Fact]
    public async Task Two_hosts_claiming_small_batches_deliver_every_invoice_once_and_in_order()
    {
        string[] smallBatches = ["--Exchange:BatchSize=3", "--Exchange:Workers=2"];
        var peers = _peers = await ExchangePeers.StartAsync(smallBatches);
        _secondA = await peers.StartAnotherAAsync(smallBatches);
        var pair = await peers.PairAsync();

        var accepted = await Task.WhenAll(Enumerable.Range(0, InvoiceCount).Select(_ =>
            peers.ClientA.SubmitAsync(Invoices.Submit(pair.Sender, pair.Recipient)).ResponseAsync));
        var delivered = new List<Transmission>();
        foreach (var a in accepted)
            delivered.Add(await peers.ClientA.StatusAsync(a.TransmissionId, TransmissionStatus.Delivered));

        foreach (var (a, t) in accepted.Zip(delivered))
        {
            Assert.Equal(AttemptOutcome.Delivered, Assert.Single(t.Attempts).Outcome);
            Assert.Equal([TransmissionStatus.Accepted, TransmissionStatus.Forwarding, TransmissionStatus.Delivered], t.Events.Select(e => e.Status));
            var inboxItem = await peers.SeedB.ScalarAsync<Guid>("SELECT inbox_item_id FROM inbox_item WHERE message_id = $1", a.MessageId);
            Assert.Equal(inboxItem.ToString(), t.Receipt.TransmissionId);
            // B's timeline opened once: 200 and 201 from A, then its own 202 and 203.
            var codes = await peers.SeedB.CodesAsync("inbox_item_id = $1", inboxItem);
            Assert.Equal([200, 201, 202, 203], codes);
        }
        Assert.Equal(InvoiceCount, await peers.SeedB.CountAsync("SELECT count(DISTINCT message_id) FROM inbox_item WHERE message_id = ANY($1)",
            (object)accepted.Select(a => a.MessageId).ToArray()));
        Assert.Equal(InvoiceCount, await peers.SeedB.CountAsync("SELECT count(*) FROM inbox_item WHERE message_id = ANY($1)",
            (object)accepted.Select(a => a.MessageId).ToArray()));
        // Every event has its place in the stream, and a transmission's places follow its order.
        Assert.Equal(0, await peers.SeedA.CountAsync("SELECT count(*) FROM transmission_event WHERE seq IS NULL"));
        Assert.Equal(0, await peers.SeedA.CountAsync("""
            SELECT count(*) FROM transmission_event e JOIN transmission_event later
              ON later.transmission_id = e.transmission_id AND later.event_id > e.event_id AND later.seq < e.seq
            """));
    }

    [Fact]
    public async Task Concurrent_deliveries_of_one_invoice_store_it_once_and_all_get_its_receipt()
    {
        var peers = _peers = await ExchangePeers.StartAsync();
        var pair = await peers.PairAsync();
        var submit = Invoices.Submit($"0009:{pair.Sender}", $"0009:{pair.Recipient}");
        submit.Envelope.ContentSha256 = Invoices.Sha256(submit.Document.ToByteArray());
        var delivery = new ReceiveRequest { Envelope = submit.Envelope, Document = submit.Document, RecipientId = $"0009:{pair.Recipient}" };
        var others = Enumerable.Range(0, 7).Select(_ =>
        {
            var other = Invoices.Submit($"0009:{pair.Sender}", $"0009:{pair.Recipient}");
            other.Envelope.ContentSha256 = Invoices.Sha256(other.Document.ToByteArray());
            return new ReceiveRequest { Envelope = other.Envelope, Document = other.Document, RecipientId = $"0009:{pair.Recipient}" };
        }).ToList();

        // The same invoice eight times and seven others, all at once: some share a group commit.
        var b = peers.AsPartnerOfB;
        var repeats = Enumerable.Range(0, 8).Select(_ => b.ReceiveAsync(delivery).ResponseAsync).ToList();
        var distinct = others.Select(o => b.ReceiveAsync(o).ResponseAsync).ToList();
        var receipts = await Task.WhenAll(repeats);
        var otherReceipts = await Task.WhenAll(distinct);

        Assert.Single(receipts.Select(r => r.TransmissionId).Distinct());
        var stored = await peers.SeedB.ScalarAsync<Guid>("SELECT inbox_item_id FROM inbox_item WHERE message_id = $1", delivery.Envelope.MessageId);
        Assert.Equal(stored.ToString(), receipts[0].TransmissionId);
        var codes = await peers.SeedB.CodesAsync("inbox_item_id = $1", stored);
        Assert.Equal([202, 203], codes);
        foreach (var (request, receipt) in others.Zip(otherReceipts))
        {
            var item = await peers.SeedB.ScalarAsync<Guid>("SELECT inbox_item_id FROM inbox_item WHERE message_id = $1", request.Envelope.MessageId);
            Assert.Equal(item.ToString(), receipt.TransmissionId);
            var itemCodes = await peers.SeedB.CodesAsync("inbox_item_id = $1", item);
            Assert.Equal([202, 203], itemCodes);
        }
    }

    [Fact]
    public async Task After_B_restarts_between_deliveries_every_receipt_it_gave_is_stored_and_each_invoice_once()
    {
        var peers = _peers = await ExchangePeers.StartAsync();
        var pair = await peers.PairAsync();

        var accepted = await Task.WhenAll(Enumerable.Range(0, InvoiceCount).Select(_ =>
            peers.ClientA.SubmitAsync(Invoices.Submit(pair.Sender, pair.Recipient)).ResponseAsync));
        await Eventually.True(async () => await peers.SeedA.CountAsync("SELECT count(*) FROM transmission WHERE status = 'delivered'") > 0,
            TimeSpan.FromSeconds(20), "a first delivery");
        await peers.StopBAsync();
        var acknowledged = await peers.SeedA.CountAsync("SELECT count(*) FROM transmission WHERE receipt_id IS NOT NULL");
        await peers.StartBAsync();
        var delivered = new List<Transmission>();
        foreach (var a in accepted)
            delivered.Add(await peers.ClientA.StatusAsync(a.TransmissionId, TransmissionStatus.Delivered));

        Assert.True(acknowledged > 0);
        foreach (var (a, t) in accepted.Zip(delivered))
        {
            var items = await peers.SeedB.CountAsync("SELECT count(*) FROM inbox_item WHERE message_id = $1", a.MessageId);
            var inboxItem = await peers.SeedB.ScalarAsync<Guid>("SELECT inbox_item_id FROM inbox_item WHERE message_id = $1", a.MessageId);
            Assert.Equal((1, inboxItem.ToString()), (items, t.Receipt.TransmissionId));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_secondA is not null)
            await _secondA.DisposeAsync();
        if (_peers is not null)
            await _peers.DisposeAsync();
    }
}
