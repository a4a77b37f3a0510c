using Grpc.Core;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Core.Security;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Exchange;

/// <summary>An operator's replay is an admin change: audited with the operator's key and reason, in the replay's transaction. Each test has its own A and B.</summary>
public sealed class ReplayAuditTests : IAsyncDisposable
{
    private ExchangePeers? _peers;

    [Fact]
    public async Task Replaying_a_dead_lettered_transmission_is_audited_under_its_sender_with_the_operators_key_and_reason()
    {
        var peers = _peers = await ExchangePeers.StartAsync(["--Exchange:MaxAttempts=2"], startB: false);
        var pair = await peers.PairAsync();
        var accepted = await peers.ClientA.SubmitAsync(Invoices.Submit(pair.Sender, pair.Recipient));
        await peers.ClientA.StatusAsync(accepted.TransmissionId, TransmissionStatus.DeadLettered);
        var operations = await peers.OperationsAsync();

        await operations.ReplayAsync(new ReplayRequest { TransmissionId = accepted.TransmissionId, Reason = "B is back" });

        var audit = await AuditAsync(peers.AdminA!, peers.DatabaseA);
        var record = Assert.Single((await audit.ListAuditRecordsAsync(new ListAuditRecordsRequest { Entity = pair.SenderAtA.ToString() })).Records);
        Assert.Equal(("transmission.replay", $"transmission:{accepted.TransmissionId}", pair.SenderAtA.ToString()), (record.Action, record.Subject, record.EntityId));
        Assert.Equal(await OperatorIdAsync(peers.SeedA), record.Actor);
        Assert.Contains("dead_lettered", record.BeforeJson, StringComparison.Ordinal);
        Assert.Contains("\"accepted\"", record.AfterJson, StringComparison.Ordinal);
        Assert.Contains("B is back", record.AfterJson, StringComparison.Ordinal);
        var byActor = await audit.ListAuditRecordsAsync(new ListAuditRecordsRequest { Actor = record.Actor });
        Assert.Equal(record.AuditId, Assert.Single(byActor.Records).AuditId);
    }

    [Fact]
    public async Task A_refused_replay_writes_no_audit_record()
    {
        var peers = _peers = await ExchangePeers.StartAsync(["--Exchange:Workers=0"], startB: false);
        var pair = await peers.PairAsync();
        var accepted = await peers.ClientA.SubmitAsync(Invoices.Submit(pair.Sender, pair.Recipient));
        var operations = await peers.OperationsAsync();

        var inFlight = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => operations.ReplayAsync(new ReplayRequest { TransmissionId = accepted.TransmissionId, Reason = "too early" }).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => operations.ReplayAsync(new ReplayRequest { TransmissionId = Guid.NewGuid().ToString(), Reason = "no such invoice" }).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => operations.ReplayStatusAsync(new ReplayStatusRequest
        {
            TransmissionId = accepted.TransmissionId, StatusId = Guid.NewGuid().ToString(), Reason = "no such status",
        }).ResponseAsync);

        Assert.Equal("NOT_REPLAYABLE", inFlight.Reason());
        Assert.Equal(0, await peers.SeedA.CountAsync("SELECT count(*) FROM admin_audit"));
        var audit = await AuditAsync(peers.AdminA!, peers.DatabaseA);
        Assert.Empty((await audit.ListAuditRecordsAsync(new ListAuditRecordsRequest { Entity = pair.SenderAtA.ToString() })).Records);
    }

    [Fact]
    public async Task Replaying_a_status_delivery_is_audited_under_the_entity_of_this_side_of_the_invoice()
    {
        var peers = _peers = await ExchangePeers.StartAsync();
        var pair = await peers.PairAsync();
        var (atA, atB) = await peers.DeliveredAsync(pair);
        // A no longer knows the invoice as one it sent to B: B's statuses about it fail at once.
        await peers.SeedA.ExecAsync("UPDATE transmission SET provider_id = $2 WHERE transmission_id = $1", Guid.Parse(atA), ExchangePeers.ProviderC);
        var takenOver = await peers.InboxClientB.SetStatusAsync(Lifecycles.Set(atB, LifecycleCode.TakenOver));
        await Eventually.True(async () => (await peers.InboxClientB.TimelineAsync(atB)).Statuses[^1].Delivery?.State == StatusDeliveryState.Failed,
            TimeSpan.FromSeconds(30), "the status delivery failed at B");
        var operations = await peers.OperationsOfBAsync();

        await operations.ReplayStatusAsync(new ReplayStatusRequest { TransmissionId = atB, StatusId = takenOver.Status.StatusId, Reason = "A fixed" });

        var audit = await AuditAsync(peers.AdminB!, peers.DatabaseB);
        var record = Assert.Single((await audit.ListAuditRecordsAsync(new ListAuditRecordsRequest { Entity = pair.RecipientAtB.ToString() })).Records);
        Assert.Equal(("status.replay", $"status:{takenOver.Status.StatusId}"), (record.Action, record.Subject));
        Assert.Equal(await OperatorIdAsync(peers.SeedB), record.Actor);
        Assert.Contains("\"failed\"", record.BeforeJson, StringComparison.Ordinal);
        Assert.Contains("\"pending\"", record.AfterJson, StringComparison.Ordinal);
        Assert.Contains("A fixed", record.AfterJson, StringComparison.Ordinal);
    }

    /// <summary>The audit on <paramref name="admin"/>, read by a platform administrator.</summary>
    private static async Task<Audit.AuditClient> AuditAsync(RunningHost admin, TestDatabase database) =>
        new(admin.CallInvokerFor(await TestCredentials.IssueAsync(database, [Role.PlatformAdministrator], name: "auditor")));

    /// <summary>The caller id of the peer's operator key, as the audit records it.</summary>
    private static async Task<string> OperatorIdAsync(ExchangeSeeder seed) =>
        $"key:{await seed.ScalarAsync<string>("SELECT key_id FROM api_key WHERE roles = ARRAY['operator']")}";

    public async ValueTask DisposeAsync()
    {
        if (_peers is not null)
            await _peers.DisposeAsync();
    }
}
