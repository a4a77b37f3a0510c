using Npgsql;
using Qweeby.Routing.Core.Directory;
using Qweeby.Routing.Data.Cache;
using Qweeby.Routing.Data.Directory;

namespace Qweeby.Routing.Data.Admin;

/// <summary>
/// A receiver's supplier directory: suppliers waiting (they tried to send, or asked), approved or revoked.
/// Each change invalidates the supplier → receiver relation, which routing reads for the approval.
/// </summary>
public sealed class SupplierDirectoryStore(NpgsqlDataSource dataSource, DirectoryWrite directoryWrites, AdminWrites writes, TimeProvider time)
{
    /// <summary>Who records refused send attempts (the exchange).</summary>
    public const string Exchange = "exchange";

    private const string Select = """
        SELECT a.receiver_id, a.supplier_id, e.legal_name,
               ARRAY(SELECT i.icd || ':' || i.value FROM entity_identifier i WHERE i.entity_id = a.supplier_id ORDER BY 1),
               a.state, a.requested_at, a.requested_by, a.attempts, a.last_attempt_at, a.decided_at, a.decided_by
        FROM supplier_approval a JOIN entity e ON e.entity_id = a.supplier_id
        """;

    /// <summary>
    /// For the exchange: <paramref name="supplierId"/> tried to send to <paramref name="receiverId"/> and was refused
    /// because it is not approved. The first attempt puts it in the receiver's pending list; later ones count.
    /// An approved or revoked supplier keeps its state (only the count moves). Not an admin change: not audited.
    /// </summary>
    /// <returns>Whether this attempt made the supplier pending (a new request).</returns>
    public Task<bool> RecordAttemptAsync(Guid receiverId, Guid supplierId, CancellationToken ct, string requestedBy = Exchange) =>
        directoryWrites.RunAsync(async (tx, c) =>
        {
            await using var cmd = tx.CreateCommand("""
                INSERT INTO supplier_approval (receiver_id, supplier_id, state, requested_at, requested_by, attempts, last_attempt_at)
                VALUES ($1, $2, 'pending', $3, $4, 1, $3)
                ON CONFLICT (receiver_id, supplier_id) DO UPDATE
                    SET attempts = supplier_approval.attempts + 1, last_attempt_at = excluded.last_attempt_at
                RETURNING xmax = 0
                """).With(receiverId, supplierId, time.GetUtcNow(), requestedBy);
            var inserted = await cmd.ExecuteScalarAsync(c) is true;
            if (inserted)
                tx.Changes(CacheKeys.Relation(supplierId, receiverId));
            return inserted;
        }, ct);

    public async Task<(IReadOnlyList<SupplierApprovalRecord> Items, bool More)> ListPendingAsync(Guid receiverId, int offset, int limit, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"""
            {Select} WHERE a.receiver_id = $1 AND a.state = 'pending'
            ORDER BY a.requested_at, a.supplier_id OFFSET $2 LIMIT $3
            """).With(receiverId, offset, limit + 1);
        var items = await ReadAllAsync(cmd, ct);
        return (items.Take(limit).ToList(), items.Count > limit);
    }

    /// <summary>The supplier asks the receiver to approve it: pending, unless the receiver already decided.</summary>
    public Task<SupplierApprovalRecord> RequestAsync(Guid receiverId, Guid supplierId, string actor, CancellationToken ct) =>
        writes.RunAsync(actor, async (tx, c) =>
        {
            var before = await tx.SnapshotAsync(AuditSnapshots.Approval, c, receiverId, supplierId);
            if (before is null)
            {
                await tx.ExecAsync("""
                    INSERT INTO supplier_approval (receiver_id, supplier_id, state, requested_at, requested_by) VALUES ($1, $2, 'pending', $3, $4)
                    """, c, receiverId, supplierId, tx.At, tx.Actor);
                tx.Changes(CacheKeys.Relation(supplierId, receiverId));
                await tx.AuditAsync("supplier.request", receiverId, $"supplier_approval:{receiverId}:{supplierId}", null,
                    await tx.SnapshotAsync(AuditSnapshots.Approval, c, receiverId, supplierId), c);
            }
            await using var cmd = tx.Command($"{Select} WHERE a.receiver_id = $1 AND a.supplier_id = $2", receiverId, supplierId);
            return (await ReadAllAsync(cmd, c)).Single();
        }, ct);

    /// <summary>Approves or revokes a supplier, waiting or not (approving ahead of a first invoice is allowed).</summary>
    public Task<SupplierApprovalRecord> DecideAsync(Guid receiverId, Guid supplierId, bool approve, string actor, CancellationToken ct) =>
        writes.RunAsync(actor, async (tx, c) =>
        {
            var before = await tx.SnapshotAsync(AuditSnapshots.Approval, c, receiverId, supplierId);
            var state = DirectoryCodes.Code(approve ? ApprovalState.Approved : ApprovalState.Revoked);
            await tx.ExecAsync("""
                INSERT INTO supplier_approval (receiver_id, supplier_id, state, requested_at, requested_by, decided_at, decided_by)
                VALUES ($1, $2, $3, $4, $5, $4, $5)
                ON CONFLICT (receiver_id, supplier_id) DO UPDATE SET state = excluded.state, decided_at = excluded.decided_at, decided_by = excluded.decided_by
                """, c, receiverId, supplierId, state, tx.At, tx.Actor);
            tx.Changes(CacheKeys.Relation(supplierId, receiverId));
            var after = await tx.SnapshotAsync(AuditSnapshots.Approval, c, receiverId, supplierId);
            await tx.AuditAsync(approve ? "supplier.approve" : "supplier.revoke", receiverId, $"supplier_approval:{receiverId}:{supplierId}", before, after, c);
            await using var cmd = tx.Command($"{Select} WHERE a.receiver_id = $1 AND a.supplier_id = $2", receiverId, supplierId);
            return (await ReadAllAsync(cmd, c)).Single();
        }, ct);

    private static async Task<List<SupplierApprovalRecord>> ReadAllAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var items = new List<SupplierApprovalRecord>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            items.Add(new SupplierApprovalRecord(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetFieldValue<string[]>(3),
                DirectoryCodes.Approval(reader.GetString(4)), reader.Time(5), reader.NullableString(6), reader.GetInt32(7),
                reader.NullableTime(8), reader.NullableTime(9), reader.NullableString(10)));
        return items;
    }
}
