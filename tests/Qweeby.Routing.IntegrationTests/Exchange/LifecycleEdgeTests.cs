using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Exchange;

/// <summary>Invoices that go no further tell their sender why, in its stream; invoices between two entities hosted at A share one timeline.</summary>
public sealed class LifecycleEdgeTests(ExchangeFixture fx) : IClassFixture<ExchangeFixture>
{
    private ExchangePeers Peers => fx.Peers;

    [Fact]
    public async Task A_recipient_deactivated_at_B_after_A_accepted_the_invoice_gives_the_sender_213_with_Bs_reason_in_its_stream()
    {
        var pair = await Peers.PairAsync();
        // B's customer left the network; A's copy of the directory does not know it yet.
        await Peers.SeedB.ExecAsync("UPDATE entity SET status = 'inactive', deactivated_at = now() WHERE entity_id = $1", pair.RecipientAtB);
        using var stream = Peers.ClientA.WatchTransmissions(new WatchTransmissionsRequest { Sender = pair.Sender });
        await stream.ResponseHeadersAsync;

        var accepted = await Peers.ClientA.SubmitAsync(Invoices.Submit(pair.Sender, pair.Recipient));
        var rejected = (await Peers.ClientA.ReachesAsync(accepted.TransmissionId, LifecycleCode.Rejected)).Statuses[^1];
        var streamed = await Lifecycles.ReadAsync(stream.ResponseStream, e => e.Lifecycle, 3);

        Assert.Equal([200, 201, 213], streamed.Select(s => (int)s.Code));
        Assert.Equal(("RECIPIENT_NON_EXISTENT", LifecycleParty.Platform, ExchangePeers.ProviderA), (rejected.ReasonCode, rejected.SetBy, rejected.PlatformId));
        Assert.Contains("refused by ap-b", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(rejected.StatusId, streamed[^1].StatusId);
        Assert.Equal(TransmissionStatus.Failed, (await Peers.ClientA.GetTransmissionAsync(new GetTransmissionRequest { TransmissionId = accepted.TransmissionId })).Status);
    }

    [Fact]
    public async Task An_address_B_does_not_know_gives_the_sender_221_routing_error()
    {
        var pair = await Peers.PairAsync();
        var unknownAtB = TestIds.Siret(TestIds.Siren());
        await Peers.SeedA.CompanyAsync("Customer B Never Heard Of", unknownAtB, ExchangePeers.ProviderB);

        var accepted = await Peers.ClientA.SubmitAsync(Invoices.Submit(pair.Sender, unknownAtB));
        var timeline = await Peers.ClientA.ReachesAsync(accepted.TransmissionId, LifecycleCode.RoutingError);

        Assert.Equal([200, 201, 221], timeline.Codes());
        Assert.Equal("RECIPIENT_NOT_FOUND", timeline.Statuses[^1].ReasonCode);
        Assert.Equal(LifecycleCode.RoutingError, timeline.Current);
        Assert.Equal([LifecycleCode.Cancelled], timeline.AllowedNext);
    }

    [Fact]
    public async Task An_invoice_between_two_entities_hosted_at_A_has_one_timeline_seen_from_both_ends()
    {
        var sender = TestIds.Siret(TestIds.Siren());
        var recipient = TestIds.Siret(TestIds.Siren());
        await Peers.SeedA.CompanyAsync("Local Supplier", sender);
        await Peers.SeedA.CompanyAsync("Local Customer", recipient, ExchangePeers.ProviderA);

        var accepted = await Peers.ClientA.SubmitAsync(Invoices.Submit(sender, recipient));
        await Peers.ClientA.ReachesAsync(accepted.TransmissionId, LifecycleCode.MadeAvailable);
        var inboxId = (await Peers.SeedA.ScalarAsync<Guid>("SELECT inbox_item_id FROM inbox_item WHERE source_transmission_id = $1",
            Guid.Parse(accepted.TransmissionId))).ToString();
        var approved = await Peers.ClientA.SetStatusAsync(Lifecycles.Set(inboxId, LifecycleCode.Approved));
        var supplierView = await Peers.ClientA.TimelineAsync(accepted.TransmissionId);

        Assert.Equal([.. Lifecycles.Delivered, 205], approved.Timeline.Codes());
        Assert.Equal(approved.Timeline.Statuses, supplierView.Statuses);
        Assert.Null(approved.Status.Delivery);
        Assert.Equal([LifecycleCode.PaymentReceived, LifecycleCode.Cancelled, LifecycleCode.DirectPaymentRequested, LifecycleCode.Factored],
            supplierView.AllowedNext);
    }
}
