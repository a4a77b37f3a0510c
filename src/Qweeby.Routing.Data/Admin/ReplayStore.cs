using Qweeby.Routing.Data.Exchange;
using Qweeby.Routing.Data.Lifecycle;

namespace Qweeby.Routing.Data.Admin;

/// <summary>
/// Operators' replays of an invoice, or of a status's delivery: each is an admin change, audited in its transaction under
/// the entity of this access point's side of the invoice (a transmission's sender). A refused replay writes nothing.
/// </summary>
public sealed class ReplayStore(AdminWrites writes)
{
    /// <summary>Answers whether it replayed, and the status found (null: no such transmission).</summary>
    public Task<(bool Replayed, TransmissionState? Found)> ReplayTransmissionAsync(Guid transmissionId, string detail, string actor, CancellationToken ct) =>
        writes.RunAsync(actor, async (tx, c) =>
        {
            var before = await tx.SnapshotAsync(AuditSnapshots.Transmission, c, transmissionId);
            var (replayed, found, sender) = await OutboxStore.ReplayAsync(tx, transmissionId, detail, c);
            if (replayed)
                await tx.AuditAsync("transmission.replay", sender, $"transmission:{transmissionId}", before,
                    await tx.SnapshotAsync(AuditSnapshots.Transmission, c, transmissionId), c);
            return (replayed, found);
        }, ct);

    /// <param name="id">The invoice: a transmission id, or an inbox item id.</param>
    /// <returns>Whether it replayed, and the delivery state found (null: no such status travels from here).</returns>
    public Task<(bool Replayed, StatusDeliveryState? Found)> ReplayStatusAsync(Guid id, Guid statusId, string detail, string actor, CancellationToken ct) =>
        writes.RunAsync(actor, async (tx, c) =>
        {
            var before = await tx.SnapshotAsync(AuditSnapshots.StatusDelivery, c, id, statusId);
            var (replayed, found, entity) = await LifecycleStore.ReplayDeliveryAsync(tx, id, statusId, detail, c);
            if (replayed)
                await tx.AuditAsync("status.replay", entity, $"status:{statusId}", before,
                    await tx.SnapshotAsync(AuditSnapshots.StatusDelivery, c, id, statusId), c);
            return (replayed, found);
        }, ct);
}
