using Microsoft.Extensions.DependencyInjection;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Exchange;

/// <summary>Partners away, retries, dead letters, replays and a crash between sending and recording: each test has its own A and B.</summary>
public sealed class RecoveryTests : IAsyncDisposable
{
    private ExchangePeers? _peers;

    [Fact]
    public async Task When_B_is_down_A_retries_and_delivers_once_B_is_back()
    {
        var peers = _peers = await ExchangePeers.StartAsync(startB: false);
        var pair = await peers.PairAsync();

        var accepted = await peers.ClientA.SubmitAsync(Invoices.Submit(pair.Sender, pair.Recipient));
        await Eventually.True(async () => await RetriesAsync(peers, accepted.TransmissionId) >= 2, TimeSpan.FromSeconds(20), "two failed attempts");
        await peers.StartBAsync();
        var delivered = await peers.ClientA.StatusAsync(accepted.TransmissionId, TransmissionStatus.Delivered);

        Assert.All(delivered.Attempts.SkipLast(1), a => Assert.Equal((AttemptOutcome.Retry, "UNAVAILABLE"), (a.Outcome, a.ErrorCode)));
        Assert.Equal(AttemptOutcome.Delivered, delivered.Attempts[^1].Outcome);
        Assert.Equal([TransmissionStatus.Accepted, TransmissionStatus.Forwarding, TransmissionStatus.Delivered], delivered.Events.Select(e => e.Status));
        Assert.Equal(1, await peers.SeedB.CountAsync("SELECT count(*) FROM inbox_item WHERE message_id = $1", accepted.MessageId));
    }

    [Fact]
    public async Task Past_the_attempt_limit_an_invoice_is_dead_lettered_and_an_operators_replay_delivers_it()
    {
        var peers = _peers = await ExchangePeers.StartAsync(["--Exchange:MaxAttempts=3"], startB: false);
        var pair = await peers.PairAsync();

        var accepted = await peers.ClientA.SubmitAsync(Invoices.Submit(pair.Sender, pair.Recipient));
        var dead = await peers.ClientA.StatusAsync(accepted.TransmissionId, TransmissionStatus.DeadLettered);
        await peers.StartBAsync();
        var operations = await peers.OperationsAsync();
        var replayed = await operations.ReplayAsync(new ReplayRequest { TransmissionId = accepted.TransmissionId, Reason = "B is back" });
        var delivered = await peers.ClientA.StatusAsync(accepted.TransmissionId, TransmissionStatus.Delivered);

        Assert.Equal(3, dead.Attempts.Count);
        Assert.Equal(AttemptOutcome.DeadLettered, dead.Attempts[^1].Outcome);
        Assert.Contains("undelivered after 3 attempts", dead.StatusDetail, StringComparison.Ordinal);
        Assert.Equal(TransmissionStatus.Accepted, replayed.Status);
        Assert.Equal(
            [TransmissionStatus.Accepted, TransmissionStatus.Forwarding, TransmissionStatus.DeadLettered,
             TransmissionStatus.Accepted, TransmissionStatus.Forwarding, TransmissionStatus.Delivered],
            delivered.Events.Select(e => e.Status));
        Assert.Contains("B is back", delivered.Events[3].Detail, StringComparison.Ordinal);
        var notAgain = await RpcAssert.FailsAsync(Grpc.Core.StatusCode.FailedPrecondition,
            () => operations.ReplayAsync(new ReplayRequest { TransmissionId = accepted.TransmissionId, Reason = "twice" }).ResponseAsync);
        Assert.Equal("NOT_REPLAYABLE", notAgain.Reason());
    }

    [Fact]
    public async Task When_A_stops_after_sending_but_before_recording_the_invoice_is_delivered_once_after_restart()
    {
        // Short lease: the restarted A takes the row over soon after the stopped one's claim lapses.
        var (peers, accepted) = await StoredAtBWithAnswerHeldAsync("--Exchange:SendTimeout=00:00:02", "--Exchange:LeaseDuration=00:00:03");
        await peers.StopAAsync();
        var recorded = await peers.SeedA.CountAsync("SELECT count(*) FROM delivery_attempt WHERE transmission_id = $1", Guid.Parse(accepted.TransmissionId));
        await peers.StartAAsync();
        var delivered = await peers.ClientA.StatusAsync(accepted.TransmissionId, TransmissionStatus.Delivered);

        Assert.Equal(0, recorded);
        var inboxId = await peers.SeedB.ScalarAsync<Guid>("SELECT inbox_item_id FROM inbox_item WHERE message_id = $1", accepted.MessageId);
        Assert.Equal(1, await peers.SeedB.CountAsync("SELECT count(*) FROM inbox_item WHERE message_id = $1", accepted.MessageId));
        Assert.Equal(inboxId.ToString(), delivered.Receipt.TransmissionId);
        Assert.Equal(2, Assert.Single(delivered.Attempts).Attempt);
    }

    [Fact]
    public async Task A_host_that_stops_hands_back_what_it_has_not_recorded_so_it_goes_out_again_without_waiting_for_the_lease()
    {
        // Leases of ten minutes: only the stopping host's hand-back lets the invoice go again within the test.
        var (peers, accepted) = await StoredAtBWithAnswerHeldAsync("--Exchange:SendTimeout=00:05:00", "--Exchange:LeaseDuration=00:10:00");
        var id = Guid.Parse(accepted.TransmissionId);
        var leased = await peers.SeedA.CountAsync("SELECT count(*) FROM outbox WHERE transmission_id = $1 AND claim_token IS NOT NULL AND due_at > now() + interval '5 minutes'", id);

        await peers.StopAAsync();
        var handedBack = await peers.SeedA.CountAsync("SELECT count(*) FROM outbox WHERE transmission_id = $1 AND claim_token IS NULL AND due_at <= now()", id);
        await peers.StartAAsync();
        var delivered = await peers.ClientA.StatusAsync(accepted.TransmissionId, TransmissionStatus.Delivered, TimeSpan.FromSeconds(30));

        Assert.Equal((1, 1), (leased, handedBack));
        Assert.Equal(1, await peers.SeedB.CountAsync("SELECT count(*) FROM inbox_item WHERE message_id = $1", accepted.MessageId));
        Assert.Equal(2, Assert.Single(delivered.Attempts).Attempt);
    }

    /// <summary>Peers with <paramref name="settingsA"/>, and one invoice submitted at A that B has stored while B's answer is held.</summary>
    private async Task<(ExchangePeers Peers, SubmitReply Accepted)> StoredAtBWithAnswerHeldAsync(params string[] settingsA)
    {
        var gate = new ReceiveGate();
        var peers = _peers = await ExchangePeers.StartAsync(settingsA, configureB: gate.Install);
        var pair = await peers.PairAsync();
        var accepted = await peers.ClientA.SubmitAsync(Invoices.Submit(pair.Sender, pair.Recipient));
        await gate.Stored.Task.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        return (peers, accepted);
    }

    private static Task<long> RetriesAsync(ExchangePeers peers, string transmissionId) =>
        peers.SeedA.CountAsync("SELECT count(*) FROM delivery_attempt WHERE transmission_id = $1 AND outcome = 'retry'", Guid.Parse(transmissionId));

    public async ValueTask DisposeAsync()
    {
        if (_peers is not null)
            await _peers.DisposeAsync();
    }
}
