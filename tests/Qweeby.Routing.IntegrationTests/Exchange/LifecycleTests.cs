using Google.Rpc;
using Grpc.Core;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Exchange;

/// <summary>Lifecycle statuses between two real access points: A, where the supplier submits, and B, where its customer is hosted.</summary>
public sealed class LifecycleTests(ExchangeFixture fx) : IClassFixture<ExchangeFixture>
{
    private ExchangePeers Peers => fx.Peers;

    [Fact]
    public async Task Buyer_and_supplier_statuses_meet_in_the_same_timeline_in_the_same_order_on_both_access_points_and_in_both_streams()
    {
        var pair = await Peers.PairAsync();
        using var senderStream = Peers.ClientA.WatchTransmissions(new WatchTransmissionsRequest { Sender = pair.Sender });
        using var recipientStream = Peers.InboxClientB.WatchInbox(new WatchInboxRequest { Recipient = pair.Recipient });
        await senderStream.ResponseHeadersAsync;
        await recipientStream.ResponseHeadersAsync;

        var (atA, atB) = await Peers.DeliveredAsync(pair);
        var arrivedAtB = await Peers.InboxClientB.TimelineAsync(atB);
        var arrivedAtA = await Peers.ClientA.TimelineAsync(atA);
        await Peers.InboxClientB.SetStatusAsync(Lifecycles.Set(atB, LifecycleCode.TakenOver));
        await Peers.InboxClientB.SetStatusAsync(Lifecycles.Set(atB, LifecycleCode.Approved));
        await Peers.InboxClientB.SetStatusAsync(Lifecycles.Set(atB, LifecycleCode.PaymentSent));
        await Peers.ClientA.ReachesAsync(atA, LifecycleCode.PaymentSent);
        // Paid in two instalments: each payment received is a status of its own, under an id of the supplier's.
        var paid = await Peers.ClientA.SetStatusAsync(Lifecycles.Set(atA, LifecycleCode.PaymentReceived, statusId: Guid.NewGuid().ToString(),
            amount: Lifecycles.Euros("700.00")));
        var paidRest = await Peers.ClientA.SetStatusAsync(Lifecycles.Set(atA, LifecycleCode.PaymentReceived, statusId: Guid.NewGuid().ToString(),
            amount: Lifecycles.Euros("550.00")));
        int[] expected = [.. Lifecycles.Delivered, 204, 205, 211, 212, 212];
        var atBFinally = await Peers.InboxClientB.TimelineAsync(atB);
        await Eventually.True(async () => (atBFinally = await Peers.InboxClientB.TimelineAsync(atB)).Statuses.Count == expected.Length,
            TimeSpan.FromSeconds(20), "both payments at B");
        var atAFinally = await Peers.ClientA.TimelineAsync(atA);
        await Eventually.True(async () => (atAFinally = await Peers.ClientA.TimelineAsync(atA)).Statuses[^1].Delivery.State == StatusDeliveryState.Delivered,
            TimeSpan.FromSeconds(20), "A records B's answer");

        Assert.Equal(Lifecycles.Delivered, arrivedAtB.Codes());
        Assert.Equal(Lifecycles.Delivered, arrivedAtA.Codes());
        Assert.Equal(expected, atAFinally.Codes());
        Assert.Equal(expected, atBFinally.Codes());
        Assert.Equal(atAFinally.Statuses.Select(s => s.StatusId), atBFinally.Statuses.Select(s => s.StatusId));
        Assert.Equal(atAFinally.Statuses.Select(s => (s.SetBy, s.PlatformId, s.At)), atBFinally.Statuses.Select(s => (s.SetBy, s.PlatformId, s.At)));
        Assert.Equal([LifecycleParty.Platform, LifecycleParty.Platform, LifecycleParty.Platform, LifecycleParty.Platform,
            LifecycleParty.Buyer, LifecycleParty.Buyer, LifecycleParty.Buyer, LifecycleParty.Supplier, LifecycleParty.Supplier], atAFinally.Statuses.Select(s => s.SetBy));
        Assert.Equal(("Encaissée", "Payment received"), (paid.Status.LabelFr, paid.Status.LabelEn));
        Assert.True(paidRest.Recorded);
        Assert.Equal([(700m, "EUR"), (550m, "EUR")], atBFinally.Statuses.Where(s => s.Code == LifecycleCode.PaymentReceived)
            .Select(s => (decimal.Parse(s.Amount.Value, System.Globalization.CultureInfo.InvariantCulture), s.Amount.Currency)));
        Assert.Equal(LifecycleCode.PaymentReceived, atBFinally.Current);
        // The buyer can do nothing more; the supplier only record a further payment.
        Assert.Empty(atBFinally.AllowedNext);
        Assert.Equal([LifecycleCode.PaymentReceived], atAFinally.AllowedNext);
        // What travelled from here was delivered; what came from the other side does not travel back.
        Assert.All(atAFinally.Statuses.Where(s => s.PlatformId == ExchangePeers.ProviderA && s.SetBy == LifecycleParty.Supplier),
            s => Assert.Equal(StatusDeliveryState.Delivered, s.Delivery.State));
        Assert.All(atAFinally.Statuses.Where(s => s.PlatformId == ExchangePeers.ProviderB), s => Assert.Null(s.Delivery));

        var transmission = await Peers.ClientA.GetTransmissionAsync(new GetTransmissionRequest { TransmissionId = atA });
        Assert.Equal(expected, transmission.Timeline.Select(s => (int)s.Code));

        var sent = await Lifecycles.ReadAsync(senderStream.ResponseStream, e => e.Lifecycle, expected.Length);
        var received = await Lifecycles.ReadAsync(recipientStream.ResponseStream, e => e.Status, expected.Length);
        Assert.Equal(expected, sent.Select(s => (int)s.Code));
        Assert.Equal(expected, received.Select(s => (int)s.Code));
    }

    [Fact]
    public async Task A_recipients_watch_resumed_from_its_last_cursor_misses_no_status_and_repeats_none()
    {
        var pair = await Peers.PairAsync();
        var received = new List<InboxEvent>();
        string atB;
        using (var first = Peers.InboxClientB.WatchInbox(new WatchInboxRequest { Recipient = pair.Recipient }))
        {
            await first.ResponseHeadersAsync;
            (_, atB) = await Peers.DeliveredAsync(pair);
            await Lifecycles.ReadAsync(first.ResponseStream, e => { received.Add(e); return e.Status; }, 2);
        }
        // While disconnected, the buyer goes on.
        await Peers.InboxClientB.SetStatusAsync(Lifecycles.Set(atB, LifecycleCode.TakenOver));
        await Peers.InboxClientB.SetStatusAsync(Lifecycles.Set(atB, LifecycleCode.Approved));
        using (var resumed = Peers.InboxClientB.WatchInbox(new WatchInboxRequest { Recipient = pair.Recipient, Cursor = received[^1].Cursor }))
            await Lifecycles.ReadAsync(resumed.ResponseStream, e => { received.Add(e); return e.Status; }, 4);

        int[] expected = [.. Lifecycles.Delivered, 204, 205];
        Assert.Equal(expected, received.Select(e => (int)e.Status.Code));
        Assert.Equal(received.Count, received.Select(e => e.Cursor).Distinct().Count());
        Assert.All(received, e => Assert.Equal((atB, $"0009:{pair.Sender}"), (e.TransmissionId, e.Sender)));
    }

    [Fact]
    public async Task A_transition_not_allowed_now_is_refused_with_the_current_status_and_the_allowed_next_ones()
    {
        var pair = await Peers.PairAsync();
        var (atA, atB) = await Peers.DeliveredAsync(pair);

        var completed = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => Peers.ClientA.SetStatusAsync(Lifecycles.Set(atA, LifecycleCode.Completed)).ResponseAsync);
        var notTheBuyers = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => Peers.InboxClientB.SetStatusAsync(Lifecycles.Set(atB, LifecycleCode.PaymentReceived)).ResponseAsync);
        var notTheSuppliers = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => Peers.ClientA.SetStatusAsync(Lifecycles.Set(atA, LifecycleCode.Approved)).ResponseAsync);

        Assert.Equal("STATUS_NOT_ALLOWED", completed.Reason());
        var info = completed.GetRpcStatus()!.GetDetail<ErrorInfo>()!;
        Assert.Equal(("203", "212,220,224,225"), (info.Metadata["current"], info.Metadata["allowed_next"]));
        var precondition = Assert.Single(completed.GetRpcStatus()!.GetDetail<PreconditionFailure>()!.Violations);
        Assert.Equal(("LIFECYCLE", $"transmission/{atA}"), (precondition.Type, precondition.Subject));
        Assert.Contains("answers the buyer's suspension (208 Suspendue)", precondition.Description, StringComparison.Ordinal);
        Assert.Contains("212 Encaissée is set by the supplier", notTheBuyers.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("204,205,206,207,208,210,211,214", notTheBuyers.GetRpcStatus()!.GetDetail<ErrorInfo>()!.Metadata["allowed_next"]);
        Assert.Contains("205 Approuvée is set by the buyer", notTheSuppliers.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("212,220,224,225", notTheSuppliers.GetRpcStatus()!.GetDetail<ErrorInfo>()!.Metadata["allowed_next"]);
        Assert.Equal(Lifecycles.Delivered, (await Peers.InboxClientB.TimelineAsync(atB)).Codes());
    }

    [Fact]
    public async Task After_a_refusal_nothing_more_is_allowed_and_the_reason_reaches_the_supplier()
    {
        var pair = await Peers.PairAsync();
        var (atA, atB) = await Peers.DeliveredAsync(pair);

        await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Peers.InboxClientB.SetStatusAsync(Lifecycles.Set(atB, LifecycleCode.Refused)).ResponseAsync);
        await Peers.InboxClientB.SetStatusAsync(Lifecycles.Set(atB, LifecycleCode.Refused, "WRONG_ORDER", "No purchase order matches this invoice."));
        var refused = (await Peers.ClientA.ReachesAsync(atA, LifecycleCode.Refused)).Statuses[^1];
        var afterwards = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => Peers.ClientA.SetStatusAsync(Lifecycles.Set(atA, LifecycleCode.PaymentReceived)).ResponseAsync);

        Assert.Equal(("WRONG_ORDER", "No purchase order matches this invoice.", LifecycleParty.Buyer), (refused.ReasonCode, refused.Reason, refused.SetBy));
        Assert.Equal(("210", ""), (afterwards.GetRpcStatus()!.GetDetail<ErrorInfo>()!.Metadata["current"], afterwards.GetRpcStatus()!.GetDetail<ErrorInfo>()!.Metadata["allowed_next"]));
    }

    [Fact]
    public async Task A_status_sent_twice_is_recorded_once_on_both_access_points()
    {
        var pair = await Peers.PairAsync();
        var (atA, atB) = await Peers.DeliveredAsync(pair);
        var ownId = Guid.NewGuid().ToString();

        var first = await Peers.InboxClientB.SetStatusAsync(Lifecycles.Set(atB, LifecycleCode.TakenOver, statusId: ownId));
        var again = await Peers.InboxClientB.SetStatusAsync(Lifecycles.Set(atB, LifecycleCode.TakenOver));
        await Peers.InboxClientB.SetStatusAsync(Lifecycles.Set(atB, LifecycleCode.Approved));
        var retriedLater = await Peers.InboxClientB.SetStatusAsync(Lifecycles.Set(atB, LifecycleCode.TakenOver, statusId: ownId));
        var takenOverAtA = (await Peers.ClientA.ReachesAsync(atA, LifecycleCode.Approved)).Statuses.Single(s => s.Code == LifecycleCode.TakenOver);
        // B's outbox delivering the same status again, as after a crash between sending and recording.
        var redelivered = await Peers.AsPartnerOfA.ReceiveStatusAsync(new ReceiveStatusRequest
        {
            Sender = $"0009:{pair.Sender}", MessageId = first.Timeline.MessageId, Status = first.Status,
        });

        Assert.True(first.Recorded);
        Assert.Equal((false, ownId), (again.Recorded, again.Status.StatusId));
        Assert.Equal((false, ownId), (retriedLater.Recorded, retriedLater.Status.StatusId));
        Assert.Equal((false, ownId), (redelivered.Recorded, redelivered.StatusId));
        Assert.Equal(ownId, takenOverAtA.StatusId);
        int[] expected = [.. Lifecycles.Delivered, 204, 205];
        Assert.Equal(expected, (await Peers.ClientA.TimelineAsync(atA)).Codes());
        Assert.Equal(expected, (await Peers.InboxClientB.TimelineAsync(atB)).Codes());
    }
}
