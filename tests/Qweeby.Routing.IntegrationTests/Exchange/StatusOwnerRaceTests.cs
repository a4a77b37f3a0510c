using Qweeby.Routing.Core.Lifecycle;
using Qweeby.Routing.Data.Lifecycle;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Exchange;

/// <summary>
/// A status set on a hosted invoice by a caller that looked the invoice up just before its local delivery committed
/// (it saw no inbox item yet) still belongs to the recipient: the insert finds the inbox item itself, under the
/// timeline's lock, so the status is in the recipient's timeline and stream.
/// </summary>
public sealed class StatusOwnerRaceTests : IAsyncDisposable
{
    private ExchangePeers? _peers;

    [Fact]
    public async Task A_status_written_with_a_stale_look_at_a_hosted_invoice_is_attached_to_its_recipient()
    {
        var peers = _peers = await ExchangePeers.StartAsync(startB: false);
        var sender = TestIds.Siret(TestIds.Siren());
        var recipient = TestIds.Siret(TestIds.Siren());
        await peers.SeedA.CompanyAsync("Local Supplier", sender);
        var recipientId = await peers.SeedA.CompanyAsync("Local Customer", recipient, ExchangePeers.ProviderA);
        var accepted = await peers.ClientA.SubmitAsync(Invoices.Submit(sender, recipient));
        await peers.ClientA.ReachesAsync(accepted.TransmissionId, Contracts.V1.LifecycleCode.MadeAvailable);

        // What a SetStatus that read the invoice before its delivery writes: the transmission's timeline, no inbox item.
        var now = DateTimeOffset.UtcNow;
        var takenOver = new StatusFacts(Guid.CreateVersion7(now), LifecycleCode.TakenOver, now, LifecycleParty.Buyer, "tests", ExchangePeers.ProviderA);
        await using (var conn = await peers.DatabaseA.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            await using var tx = await conn.BeginTransactionAsync(TestContext.Current.CancellationToken);
            var decisions = await LifecycleWrites.RecordAsync(conn, tx,
                [new StatusWrite(Guid.Parse(accepted.TransmissionId), null, takenOver, LifecycleSetter.Buyer, null)], now, TestContext.Current.CancellationToken);
            await tx.CommitAsync(TestContext.Current.CancellationToken);
            Assert.Equal(LifecycleVerdict.Record, Assert.Single(decisions).Verdict);
        }

        Assert.Equal(1, await peers.SeedA.CountAsync("""
            SELECT count(*) FROM lifecycle_status s JOIN inbox_item i ON i.inbox_item_id = s.inbox_item_id
            WHERE s.status_id = $1 AND s.recipient_entity_id = $2 AND i.source_transmission_id = $3
            """, takenOver.StatusId, recipientId, Guid.Parse(accepted.TransmissionId)));
    }

    public async ValueTask DisposeAsync()
    {
        if (_peers is not null)
            await _peers.DisposeAsync();
    }
}
