using Qweeby.Routing.Data.Cache;

namespace Qweeby.Routing.Data.Admin;

/// <summary>Consent before e-invoicing, per supplier → customer pair; each change invalidates that pair's relation.</summary>
public sealed class ConsentStore(AdminWrites writes)
{
    /// <summary>Starts (or after a refusal, renews) a consent request; a pending or accepted consent is left as it is.</summary>
    public Task<ConsentRecord> RequestAsync(Guid supplierId, Guid customerId, string actor, CancellationToken ct) =>
        writes.RunAsync(actor, async (tx, c) =>
        {
            await RequestInAsync(tx, supplierId, customerId, c);
            return await ReadAsync(tx, supplierId, customerId, c);
        }, ct);

    /// <summary>Records the customer's acceptance or refusal of a consent its supplier requested.</summary>
    public Task<ConsentRecord> DecideAsync(Guid supplierId, Guid customerId, bool accept, string actor, CancellationToken ct) =>
        writes.RunAsync(actor, async (tx, c) =>
        {
            var before = await tx.SnapshotAsync(AuditSnapshots.Consent, c, supplierId, customerId)
                ?? throw new AdminRefusal(AdminRefusalKind.NotFound, "CONSENT_NOT_FOUND",
                    $"Supplier {supplierId} has not asked {customerId} for consent: it must request it first.",
                    ("supplier_id", supplierId.ToString()), ("customer_id", customerId.ToString()));
            await tx.ExecAsync("UPDATE consent SET state = $3, decided_at = $4 WHERE supplier_id = $1 AND customer_id = $2", c,
                supplierId, customerId, accept ? "accepted" : "refused", tx.At);
            tx.Changes(CacheKeys.Relation(supplierId, customerId));
            await tx.AuditAsync(accept ? "consent.accept" : "consent.refuse", customerId, $"consent:{supplierId}:{customerId}", before,
                await tx.SnapshotAsync(AuditSnapshots.Consent, c, supplierId, customerId), c);
            return await ReadAsync(tx, supplierId, customerId, c);
        }, ct);

    /// <summary>The request inside a larger change (adding a customer with a consent request). Audited when it changes anything.</summary>
    internal static async Task RequestInAsync(AdminTransaction tx, Guid supplierId, Guid customerId, CancellationToken ct)
    {
        var before = await tx.SnapshotAsync(AuditSnapshots.Consent, ct, supplierId, customerId);
        var changed = await tx.ExecAsync("""
            INSERT INTO consent (supplier_id, customer_id, state, requested_at) VALUES ($1, $2, 'pending', $3)
            ON CONFLICT (supplier_id, customer_id) DO UPDATE SET state = 'pending', requested_at = excluded.requested_at, decided_at = NULL
                WHERE consent.state = 'refused'
            """, ct, supplierId, customerId, tx.At);
        if (changed == 0)
            return;
        tx.Changes(CacheKeys.Relation(supplierId, customerId));
        await tx.AuditAsync("consent.request", supplierId, $"consent:{supplierId}:{customerId}", before,
            await tx.SnapshotAsync(AuditSnapshots.Consent, ct, supplierId, customerId), ct);
    }

    private static async Task<ConsentRecord> ReadAsync(AdminTransaction tx, Guid supplierId, Guid customerId, CancellationToken ct)
    {
        await using var cmd = tx.Command("SELECT state, requested_at, decided_at FROM consent WHERE supplier_id = $1 AND customer_id = $2", supplierId, customerId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new ConsentRecord(supplierId, customerId, Directory.DirectoryCodes.Consent(reader.GetString(0)), reader.Time(1), reader.NullableTime(2));
    }
}
