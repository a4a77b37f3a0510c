using Grpc.Core;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Exchange;

/// <summary>Statuses through the durable outbox while access points are away: retries, dead letters, refusals and replays. Each test has its own A and B.</summary>
public sealed class LifecycleRecoveryTests : IAsyncDisposable
{
    private ExchangePeers? _peers;

    [Fact]
    public async Task A_refusal_set_while_A_is_away_survives_B_going_down_too_and_reaches_A_once_when_both_are_back()
    {
        var peers = _peers = await ExchangePeers.StartAsync();
        var pair = await peers.PairAsync();
        var (atA, atB) = await peers.DeliveredAsync(pair);

        await peers.StopAAsync();
        var refusal = await peers.InboxClientB.SetStatusAsync(Lifecycles.Set(atB, LifecycleCode.Refused, "DUPLICATE", "Already invoiced as F-2041."));
        await Eventually.True(async () => await DeliveryAttemptsAsync(peers, refusal.Status.StatusId) >= 2, TimeSpan.FromSeconds(20), "two failed attempts at B");
        await peers.StopBAsync();
        await peers.StartAAsync();
        var whileBIsDown = await peers.ClientA.TimelineAsync(atA);
        await peers.StartBAsync();
        var atAFinally = await peers.ClientA.ReachesAsync(atA, LifecycleCode.Refused);
        var atBFinally = await peers.InboxClientB.ReachesAsync(atB, LifecycleCode.Refused);
        await Eventually.True(async () => (await peers.InboxClientB.TimelineAsync(atB)).Statuses[^1].Delivery.State == StatusDeliveryState.Delivered,
            TimeSpan.FromSeconds(20), "B records the delivery");

        Assert.Equal(Lifecycles.Delivered, whileBIsDown.Codes());
        Assert.Equal([.. Lifecycles.Delivered, 210], atAFinally.Codes());
        var refused = atAFinally.Statuses[^1];
        Assert.Equal((refusal.Status.StatusId, "DUPLICATE", "Already invoiced as F-2041."), (refused.StatusId, refused.ReasonCode, refused.Reason));
        Assert.Equal(1, await peers.SeedA.CountAsync("SELECT count(*) FROM lifecycle_status WHERE status_id = $1", Guid.Parse(refused.StatusId)));
        Assert.True((await peers.InboxClientB.TimelineAsync(atB)).Statuses[^1].Delivery.Attempts >= 3);
        Assert.Equal(atAFinally.Statuses.Select(s => s.StatusId), atBFinally.Statuses.Select(s => s.StatusId));
    }

    [Fact]
    public async Task A_status_dead_lettered_while_A_is_away_is_delivered_after_an_operators_replay()
    {
        var peers = _peers = await ExchangePeers.StartAsync(argsB: ["--Exchange:MaxAttempts=2"]);
        var pair = await peers.PairAsync();
        var (atA, atB) = await peers.DeliveredAsync(pair);

        await peers.StopAAsync();
        var takenOver = await peers.InboxClientB.SetStatusAsync(Lifecycles.Set(atB, LifecycleCode.TakenOver));
        var dead = await DeliveryAsync(peers, atB, StatusDeliveryState.DeadLettered);
        await peers.StartAAsync();
        var operations = await peers.OperationsOfBAsync();
        var replayed = await operations.ReplayStatusAsync(new ReplayStatusRequest { TransmissionId = atB, StatusId = takenOver.Status.StatusId, Reason = "A is back" });
        var atAFinally = await peers.ClientA.ReachesAsync(atA, LifecycleCode.TakenOver);
        var notAgain = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, async () =>
        {
            await DeliveryAsync(peers, atB, StatusDeliveryState.Delivered);
            await operations.ReplayStatusAsync(new ReplayStatusRequest { TransmissionId = atB, StatusId = takenOver.Status.StatusId, Reason = "twice" });
        });

        Assert.Equal(2, dead.Attempts);
        Assert.Contains("undelivered after 2 attempts", dead.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusDeliveryState.Pending, replayed.State);
        Assert.Equal([.. Lifecycles.Delivered, 204], atAFinally.Codes());
        Assert.Equal("NOT_REPLAYABLE", notAgain.Reason());
    }

    [Fact]
    public async Task A_status_the_partner_refuses_fails_at_once_with_its_reason_and_can_be_replayed()
    {
        var peers = _peers = await ExchangePeers.StartAsync();
        var pair = await peers.PairAsync();
        var (atA, atB) = await peers.DeliveredAsync(pair);
        // A no longer knows the invoice as one it sent to B: B's statuses about it are refused.
        await peers.SeedA.ExecAsync("UPDATE transmission SET provider_id = $2 WHERE transmission_id = $1", Guid.Parse(atA), ExchangePeers.ProviderC);

        await peers.InboxClientB.SetStatusAsync(Lifecycles.Set(atB, LifecycleCode.TakenOver));
        var failed = await DeliveryAsync(peers, atB, StatusDeliveryState.Failed);
        await peers.SeedA.ExecAsync("UPDATE transmission SET provider_id = $2 WHERE transmission_id = $1", Guid.Parse(atA), ExchangePeers.ProviderB);
        var operations = await peers.OperationsOfBAsync();
        await operations.ReplayStatusAsync(new ReplayStatusRequest { TransmissionId = atB, StatusId = (await peers.InboxClientB.TimelineAsync(atB)).Statuses[^1].StatusId, Reason = "A fixed" });
        var atAFinally = await peers.ClientA.ReachesAsync(atA, LifecycleCode.TakenOver);

        Assert.Equal(1, failed.Attempts);
        Assert.Contains("NOT_FOUND/INVOICE_NOT_FOUND", failed.Detail, StringComparison.Ordinal);
        Assert.Equal([.. Lifecycles.Delivered, 204], atAFinally.Codes());
    }

    [Fact]
    public async Task A_hosted_recipient_deactivated_after_acceptance_is_refused_by_A_itself_with_213()
    {
        var peers = _peers = await ExchangePeers.StartAsync(["--Exchange:Workers=0"], startB: false);
        var sender = TestIds.Siret(TestIds.Siren());
        var recipient = TestIds.Siret(TestIds.Siren());
        await peers.SeedA.CompanyAsync("Local Supplier", sender);
        var recipientId = await peers.SeedA.CompanyAsync("Local Customer", recipient, ExchangePeers.ProviderA);

        var accepted = await peers.ClientA.SubmitAsync(Invoices.Submit(sender, recipient));
        await peers.SeedA.ExecAsync("UPDATE entity SET status = 'inactive', deactivated_at = now() WHERE entity_id = $1", recipientId);
        await peers.StopAAsync();
        await peers.StartAAsync(args: ["--Exchange:Workers=2"]);
        var timeline = await peers.ClientA.ReachesAsync(accepted.TransmissionId, LifecycleCode.Rejected);
        var failed = await peers.ClientA.StatusAsync(accepted.TransmissionId, TransmissionStatus.Failed);

        Assert.Equal([200, 201, 213], timeline.Codes());
        Assert.Equal("RECIPIENT_NON_EXISTENT", timeline.Statuses[^1].ReasonCode);
        Assert.Contains("deactivated after the invoice was accepted", failed.StatusDetail, StringComparison.Ordinal);
        Assert.Equal(0, await peers.SeedA.CountAsync("SELECT count(*) FROM inbox_item WHERE source_transmission_id = $1", Guid.Parse(accepted.TransmissionId)));
    }

    [Fact]
    public async Task A_buyer_status_that_overtakes_the_receipt_it_follows_is_answered_unavailable_and_recorded_when_retried_after_it()
    {
        var peers = _peers = await ExchangePeers.StartAsync(startB: false);
        var pair = await peers.PairAsync();
        var accepted = await peers.ClientA.SubmitAsync(Invoices.Submit(pair.Sender, pair.Recipient));
        // B took the invoice and its buyer answered at once, but A has not recorded B's receipt (which carries 202 and 203) yet.
        var takenOver = new ReceiveStatusRequest
        {
            Sender = $"0009:{pair.Sender}",
            MessageId = accepted.MessageId,
            Status = new LifecycleStatus
            {
                StatusId = Guid.NewGuid().ToString(), Code = LifecycleCode.TakenOver, SetBy = LifecycleParty.Buyer,
                At = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(DateTime.UtcNow),
            },
        };

        var early = await RpcAssert.FailsAsync(StatusCode.Unavailable, () => peers.AsPartnerOfA.ReceiveStatusAsync(takenOver).ResponseAsync);
        await peers.StartBAsync();
        await peers.ClientA.StatusAsync(accepted.TransmissionId, TransmissionStatus.Delivered, TimeSpan.FromSeconds(30));
        var retried = await peers.AsPartnerOfA.ReceiveStatusAsync(takenOver);

        Assert.Equal("DELIVERY_NOT_RECORDED", early.Reason());
        Assert.True(retried.Recorded);
        var timeline = await peers.ClientA.TimelineAsync(accepted.TransmissionId);
        Assert.Equal([.. Lifecycles.Delivered, 204], timeline.Codes());
        // Once delivered, a status the state machine refuses is refused for good.
        var again = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => peers.AsPartnerOfA.ReceiveStatusAsync(new ReceiveStatusRequest(takenOver)
        {
            Status = new LifecycleStatus(takenOver.Status) { StatusId = Guid.NewGuid().ToString(), Code = LifecycleCode.Completed },
        }).ResponseAsync);
        Assert.Equal("STATUS_NOT_ALLOWED", again.Reason());
    }

    private static async Task<StatusDelivery> DeliveryAsync(ExchangePeers peers, string atB, StatusDeliveryState state)
    {
        StatusDelivery? last = null;
        await Eventually.True(async () =>
        {
            last = (await peers.InboxClientB.TimelineAsync(atB)).Statuses[^1].Delivery;
            return last?.State == state;
        }, TimeSpan.FromSeconds(30), $"the last status of {atB} {state} (last seen {last?.State} {last?.Detail})");
        return last!;
    }

    private static Task<long> DeliveryAttemptsAsync(ExchangePeers peers, string statusId) =>
        peers.SeedB.CountAsync("SELECT delivery_attempts::bigint FROM lifecycle_status WHERE status_id = $1", Guid.Parse(statusId));

    public async ValueTask DisposeAsync()
    {
        if (_peers is not null)
            await _peers.DisposeAsync();
    }
}
