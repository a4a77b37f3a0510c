using Grpc.Core;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.IntegrationTests.Infrastructure;
using ExchangeClient = Qweeby.Routing.Contracts.V1.Exchange.ExchangeClient;

namespace Qweeby.Routing.IntegrationTests.Exchange;

/// <summary>
/// An invoice for a recipient hosted here is numbered into the streams at Submit, when only its sender is known, and
/// reaches the recipient at its local delivery, maybe after other invoices' statuses: the recipient's stream must give
/// its statuses after the cursor the recipient already holds, not at the numbers the sender's stream gave them.
/// </summary>
public sealed class InboxStreamOrderTests : IAsyncDisposable
{
    private ExchangePeers? _peers;

    [Fact]
    public async Task Statuses_numbered_before_a_local_delivery_come_after_the_recipients_cursor()
    {
        var peers = _peers = await ExchangePeers.StartAsync(["--Exchange:Workers=0"], startB: false);
        var sender = TestIds.Siret(TestIds.Siren());
        var recipient = TestIds.Siret(TestIds.Siren());
        await peers.SeedA.CompanyAsync("Local Supplier", sender);
        await peers.SeedA.CompanyAsync("Local Customer", recipient, ExchangePeers.ProviderA);

        // X waits in A's outbox (no workers), its 200 numbered for the sender's stream.
        var x = await peers.ClientA.SubmitAsync(Invoices.Submit(sender, recipient));
        await Eventually.True(async () => await peers.SeedA.CountAsync(
            "SELECT count(*) FROM lifecycle_status WHERE transmission_id = $1 AND seq IS NOT NULL", Guid.Parse(x.TransmissionId)) > 0,
            TimeSpan.FromSeconds(10), "X's 200 numbered");
        // Y, a partner's invoice for the same recipient, reaches its inbox now; the recipient reads its stream past it.
        var partnersSupplier = TestIds.Siret(TestIds.Siren());
        await peers.SeedA.CompanyAsync("Partner's Supplier", partnersSupplier);
        var y = Invoices.Submit($"0009:{partnersSupplier}", $"0009:{recipient}");
        await peers.AsPartnerOfA.ReceiveAsync(new ReceiveRequest { Envelope = y.Envelope, Document = y.Document, RecipientId = $"0009:{recipient}" });
        var seen = await ReadUntilAsync(peers.ClientA, recipient, "0",
            events => events.Any(e => e.MessageId == y.Envelope.MessageId && e.Status.Code == LifecycleCode.MadeAvailable));
        Assert.DoesNotContain(seen, e => e.MessageId == x.MessageId);

        await peers.StopAAsync();
        await peers.StartAAsync(args: ["--Exchange:Workers=2"]);
        var after = await ReadUntilAsync(peers.ClientA, recipient, seen[^1].Cursor,
            events => events.Any(e => e.MessageId == x.MessageId && e.Status.Code == LifecycleCode.MadeAvailable));

        Assert.Equal([LifecycleCode.Deposited, LifecycleCode.Issued, LifecycleCode.Received, LifecycleCode.MadeAvailable],
            after.Where(e => e.MessageId == x.MessageId).Select(e => e.Status.Code));
        Assert.DoesNotContain(after, e => e.MessageId == y.Envelope.MessageId);
        var cursors = seen.Concat(after).Select(e => long.Parse(e.Cursor, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(cursors.Order(), cursors);
        Assert.Equal(cursors.Count, cursors.Distinct().Count());
    }

    /// <summary>The recipient's stream from <paramref name="cursor"/> until <paramref name="done"/> holds (20 s at most).</summary>
    private static async Task<List<InboxEvent>> ReadUntilAsync(ExchangeClient client, string recipient, string cursor, Func<List<InboxEvent>, bool> done)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(20));
        using var call = client.WatchInbox(new WatchInboxRequest { Recipient = recipient, Cursor = cursor }, cancellationToken: limit.Token);
        var events = new List<InboxEvent>();
        while (!done(events) && await call.ResponseStream.MoveNext(limit.Token))
            events.Add(call.ResponseStream.Current);
        return events;
    }

    public async ValueTask DisposeAsync()
    {
        if (_peers is not null)
            await _peers.DisposeAsync();
    }
}
