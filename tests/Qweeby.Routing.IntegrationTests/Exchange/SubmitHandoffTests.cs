using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.IntegrationTests.Infrastructure;
using Qweeby.Routing.Server.Exchange;

namespace Qweeby.Routing.IntegrationTests.Exchange;

/// <summary>
/// Submit leases its own outbox row and hands the invoice to this host's sender in memory: it goes out without
/// a claim, a leased row whose host never sends it is delivered by another host once the lease ends, and a
/// full sender leaves rows to the claimer. Each test has its own A and B.
/// </summary>
public sealed class SubmitHandoffTests : IAsyncDisposable
{
    private ExchangePeers? _peers;
    private RunningHost? _secondA;

    [Fact]
    public async Task A_submitted_invoice_goes_out_from_memory_without_waiting_for_a_claim()
    {
        // A's claimer looks for work once an hour: only the handoff can send the invoice in time.
        var peers = _peers = await ExchangePeers.StartAsync(["--Exchange:PollInterval=01:00:00"]);
        var pair = await peers.PairAsync();

        var accepted = await peers.ClientA.SubmitAsync(Invoices.Submit(pair.Sender, pair.Recipient));
        var delivered = await peers.ClientA.StatusAsync(accepted.TransmissionId, TransmissionStatus.Delivered, TimeSpan.FromSeconds(20));

        Assert.Equal(1, Assert.Single(delivered.Attempts).Attempt);
        Assert.Equal([TransmissionStatus.Accepted, TransmissionStatus.Forwarding, TransmissionStatus.Delivered], delivered.Events.Select(e => e.Status));
        var id = Guid.Parse(accepted.TransmissionId);
        // 200 Déposée and 201 Émise were written with the invoice, in that order, and went with it to B.
        Assert.Equal(new[] { 200, 201 }, await peers.SeedA.CodesAsync("transmission_id = $1 AND code IN (200, 201)", id));
        Assert.Equal(1, await peers.SeedA.CountAsync("SELECT count(*) FROM lifecycle_status s JOIN transmission t USING (transmission_id) WHERE t.transmission_id = $1 AND s.code = 201 AND s.at = t.accepted_at", id));
        var inboxItem = await peers.SeedB.ScalarAsync<Guid>("SELECT inbox_item_id FROM inbox_item WHERE message_id = $1", accepted.MessageId);
        Assert.Equal(new[] { 200, 201, 202, 203 }, await peers.SeedB.CodesAsync("inbox_item_id = $1", inboxItem));
        Assert.Equal(0, await peers.SeedA.CountAsync("SELECT count(*) FROM outbox WHERE transmission_id = $1", id));
    }

    [Fact]
    public async Task The_statuses_B_sends_back_are_numbered_for_As_streams_by_the_transaction_that_records_them()
    {
        // A's sequencer looks for unnumbered rows once an hour: B's 202 and 203 get their places from ReceiveStatus itself.
        var peers = _peers = await ExchangePeers.StartAsync(["--Exchange:PollInterval=01:00:00"]);
        var pair = await peers.PairAsync();

        var accepted = await peers.ClientA.SubmitAsync(Invoices.Submit(pair.Sender, pair.Recipient));
        await peers.ClientA.StatusAsync(accepted.TransmissionId, TransmissionStatus.Delivered, TimeSpan.FromSeconds(20));
        var id = Guid.Parse(accepted.TransmissionId);
        await Eventually.True(async () => await peers.SeedA.CountAsync("SELECT count(*) FROM lifecycle_status WHERE transmission_id = $1 AND code IN (202, 203)", id) == 2,
            TimeSpan.FromSeconds(20), "B's 202 and 203 recorded at A");

        Assert.Equal(new[] { 200, 201, 202, 203 }, await peers.SeedA.CodesAsync("transmission_id = $1", id));
        Assert.Equal(0, await peers.SeedA.CountAsync("SELECT count(*) FROM lifecycle_status WHERE transmission_id = $1 AND seq IS NULL", id));
    }

    [Fact]
    public async Task A_status_set_while_its_invoice_is_in_flight_leaves_as_soon_as_the_delivery_is_recorded()
    {
        var gate = new ReceiveGate();
        // A's claimer looks for work once an hour: only the wake-up of the recorder that ends the invoice's row can send the status.
        var peers = _peers = await ExchangePeers.StartAsync(["--Exchange:PollInterval=01:00:00"], configureB: gate.Install);
        var pair = await peers.PairAsync();

        var accepted = await peers.ClientA.SubmitAsync(Invoices.Submit(pair.Sender, pair.Recipient));
        await gate.Stored.Task.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        await peers.ClientA.SetStatusAsync(Lifecycles.Set(accepted.TransmissionId, LifecycleCode.Cancelled, "DUPLICATE", "Sent twice."));
        var queuedBehind = await peers.SeedA.CountAsync("SELECT count(*) FROM outbox WHERE timeline_id = $1", Guid.Parse(accepted.TransmissionId));
        gate.Release.SetResult();
        var atB = await peers.InboxItemAtBAsync(accepted.MessageId);
        var cancelledAtB = await peers.InboxClientB.ReachesAsync(atB, LifecycleCode.Cancelled, TimeSpan.FromSeconds(20));

        Assert.Equal(2, queuedBehind);
        Assert.Equal([.. Lifecycles.Delivered, 220], cancelledAtB.Codes());
    }

    [Fact]
    public async Task A_leased_invoice_its_host_never_sends_is_delivered_once_by_another_host_after_the_lease()
    {
        string[] shortLease = ["--Exchange:SendTimeout=00:00:02", "--Exchange:LeaseDuration=00:00:03"];
        var peers = _peers = await ExchangePeers.StartAsync(shortLease);
        // A host that leases at Submit but whose sender never takes the invoice, as if it died right after the commit.
        await peers.StopAAsync();
        await peers.StartAAsync(a => a.Services.Remove(a.Services.Single(d => d.ImplementationType == typeof(OutboxWorker))));
        peers.A.Services.GetRequiredService<OutboxHandoff>().Open();
        var pair = await peers.PairAsync();

        var accepted = await peers.ClientA.SubmitAsync(Invoices.Submit(pair.Sender, pair.Recipient));
        var id = Guid.Parse(accepted.TransmissionId);
        var leased = await peers.SeedA.CountAsync("SELECT count(*) FROM outbox WHERE transmission_id = $1 AND claim_token IS NOT NULL AND due_at > now()", id);
        _secondA = await peers.StartAnotherAAsync(shortLease);
        var delivered = await peers.ClientA.StatusAsync(accepted.TransmissionId, TransmissionStatus.Delivered, TimeSpan.FromSeconds(30));

        Assert.Equal(1, leased);
        // The lease was the first attempt; the other host's claim makes the second, and does not issue the invoice again.
        Assert.Equal(2, Assert.Single(delivered.Attempts).Attempt);
        Assert.Equal([TransmissionStatus.Accepted, TransmissionStatus.Forwarding, TransmissionStatus.Delivered], delivered.Events.Select(e => e.Status));
        Assert.Equal(new[] { 200, 201 }, await peers.SeedA.CodesAsync("transmission_id = $1 AND code IN (200, 201)", id));
        Assert.Equal(1, await peers.SeedB.CountAsync("SELECT count(*) FROM inbox_item WHERE message_id = $1", accepted.MessageId));
    }

    [Fact]
    public async Task When_the_sender_is_full_the_claimer_takes_the_rest_and_every_invoice_is_delivered_once()
    {
        // Room for one handed invoice at a time: concurrent submits find it taken and leave their rows unleased.
        var peers = _peers = await ExchangePeers.StartAsync(["--Exchange:Workers=1", "--Exchange:BatchSize=1"]);
        var pair = await peers.PairAsync();

        var accepted = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => peers.ClientA.SubmitAsync(Invoices.Submit(pair.Sender, pair.Recipient)).ResponseAsync));
        foreach (var a in accepted)
        {
            var delivered = await peers.ClientA.StatusAsync(a.TransmissionId, TransmissionStatus.Delivered, TimeSpan.FromSeconds(30));
            Assert.Equal(1, Assert.Single(delivered.Attempts).Attempt);
            Assert.Equal([TransmissionStatus.Accepted, TransmissionStatus.Forwarding, TransmissionStatus.Delivered], delivered.Events.Select(e => e.Status));
            Assert.Equal(new[] { 200, 201 }, await peers.SeedA.CodesAsync("transmission_id = $1 AND code IN (200, 201)", Guid.Parse(a.TransmissionId)));
        }
        var messageIds = (object)accepted.Select(a => a.MessageId).ToArray();
        Assert.Equal(12, await peers.SeedB.CountAsync("SELECT count(*) FROM inbox_item WHERE message_id = ANY($1)", messageIds));
        Assert.Equal(12, await peers.SeedB.CountAsync("SELECT count(DISTINCT message_id) FROM inbox_item WHERE message_id = ANY($1)", messageIds));
    }

    [Fact]
    public void The_handoff_takes_as_many_invoices_as_its_workers_send_in_batches_and_none_when_closed()
    {
        var handoff = new OutboxHandoff(Options.Create(new ExchangeOptions { Workers = 2, BatchSize = 3 }));
        Assert.False(handoff.TryReserve(1));

        handoff.Open();
        var taken = Enumerable.Range(0, 8).Count(_ => handoff.TryReserve(1));
        handoff.Release(1);
        var again = handoff.TryReserve(1);
        handoff.Release(1);
        _ = handoff.CloseAsync();

        Assert.Equal(6, taken);
        Assert.True(again);
        Assert.False(handoff.TryReserve(1));
    }

    [Fact]
    public async Task Closing_the_handoff_waits_for_the_submits_that_had_a_place_then_holds_what_they_handed_over()
    {
        var handoff = new OutboxHandoff(Options.Create(new ExchangeOptions { Workers = 1, BatchSize = 4 }));
        handoff.Open();
        Assert.True(handoff.TryReserve(10)); // a Submit still committing as the worker stops
        Assert.True(handoff.TryReserve(10)); // another, whose commit fails
        var invoice = new HandedInvoice(Guid.NewGuid(), new Data.Exchange.ClaimedInvoice(1, 1, DateTimeOffset.UtcNow, Guid.NewGuid(),
            new Data.Exchange.InvoiceEnvelope("0009:1", "0009:2", "invoice", "billing", "m-1", "F-1", new DateOnly(2026, 11, 26), ""),
            new byte[10], "partner", "https://partner.example", Core.Directory.Channel.Interoperability, null, true), []);

        var closing = handoff.CloseAsync();
        var reservedAfterClosing = handoff.TryReserve(10);
        handoff.GiveUp(10);
        var waitingAfterOne = !closing.IsCompleted;
        handoff.Hand(invoice);
        await closing.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        Assert.False(reservedAfterClosing);
        Assert.True(waitingAfterOne);
        Assert.True(handoff.Reader.TryRead(out var found));
        Assert.Same(invoice, found);
        Assert.True(new OutboxHandoff(Options.Create(new ExchangeOptions())).CloseAsync().IsCompleted);
    }

    [Fact]
    public void The_handoff_holds_at_most_what_its_workers_claims_would_in_bytes_and_one_invoice_of_any_size()
    {
        var handoff = new OutboxHandoff(Options.Create(new ExchangeOptions { Workers = 2, BatchSize = 64, MaxClaimBytes = 1_000 }));
        handoff.Open();

        var alone = handoff.TryReserve(5_000);
        var besideIt = handoff.TryReserve(1);
        handoff.Release(5_000);
        var fitting = Enumerable.Range(0, 5).Count(_ => handoff.TryReserve(600));
        handoff.Release(600);
        var afterOne = handoff.TryReserve(600);

        Assert.Equal((true, false), (alone, besideIt));
        Assert.Equal(3, fitting); // 600, 1,200 and 1,800 of 2,000
        Assert.True(afterOne);
    }

    public async ValueTask DisposeAsync()
    {
        if (_secondA is not null)
            await _secondA.DisposeAsync();
        if (_peers is not null)
            await _peers.DisposeAsync();
    }
}
