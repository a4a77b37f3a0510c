using Qweeby.Routing.Core.Directory;
using Qweeby.Routing.Data.Cache;

namespace Qweeby.Routing.Data.Admin;

/// <summary>
/// Routing activation: a supplier asks to reach a customer received through another provider (requested), that
/// provider accepts (accepted), the route opens (active). Routing refuses the pair until it is active
/// (rule routing_activation.active), so every change invalidates the pair's relation facts.
/// </summary>
public sealed class ActivationStore(AdminWrites writes)
{
    /// <summary>Requests (or requests again, starting over) the activation; the customer must be registered at the provider.</summary>
    public Task<ActivationRecord> RequestAsync(Guid supplierId, Guid customerId, string providerId, string actor, CancellationToken ct) =>
        writes.RunAsync(actor, async (tx, c) =>
        {
            if (await tx.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM service_provider WHERE provider_id = $1)", c, providerId) is false)
                throw AdminRefusal.ProviderNotFound(providerId);
            if (await tx.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM provider_registration WHERE entity_id = $1 AND provider_id = $2)", c, customerId, providerId) is false)
                throw new AdminRefusal(AdminRefusalKind.Precondition, "NOT_REGISTERED_AT_PROVIDER",
                    $"Entity {customerId} does not receive through {providerId}: name a provider it is registered at.",
                    ("customer_id", customerId.ToString()), ("provider_id", providerId));
            var before = await tx.SnapshotAsync(AuditSnapshots.Activation, c, supplierId, customerId);
            await tx.ExecAsync("""
                INSERT INTO routing_activation (supplier_id, customer_id, provider_id, state, requested_at, updated_at) VALUES ($1, $2, $3, 'requested', $4, $4)
                ON CONFLICT (supplier_id, customer_id) DO UPDATE
                    SET provider_id = excluded.provider_id, state = 'requested', requested_at = excluded.requested_at, updated_at = excluded.updated_at
                """, c, supplierId, customerId, providerId, tx.At);
            tx.Changes(CacheKeys.Relation(supplierId, customerId));
            await tx.AuditAsync("activation.request", supplierId, $"routing_activation:{supplierId}:{customerId}", before,
                await tx.SnapshotAsync(AuditSnapshots.Activation, c, supplierId, customerId), c);
            return await ReadAsync(tx, supplierId, customerId, c);
        }, ct);

    /// <summary>Moves the activation one step: requested → accepted → active.</summary>
    public Task<ActivationRecord> AdvanceAsync(Guid supplierId, Guid customerId, ActivationState to, string actor, CancellationToken ct) =>
        writes.RunAsync(actor, async (tx, c) =>
        {
            var current = await tx.ScalarAsync<string>("SELECT state FROM routing_activation WHERE supplier_id = $1 AND customer_id = $2 FOR UPDATE", c, supplierId, customerId)
                ?? throw new AdminRefusal(AdminRefusalKind.NotFound, "ACTIVATION_NOT_FOUND",
                    $"No routing activation from {supplierId} to {customerId}: request it first.", ("supplier_id", supplierId.ToString()), ("customer_id", customerId.ToString()));
            var from = Parse(current);
            if ((int)to != (int)from + 1)
                throw new AdminRefusal(AdminRefusalKind.Precondition, "ACTIVATION_OUT_OF_ORDER",
                    $"The activation is {Code(from)}: it can only move to {(from == ActivationState.Active ? "nothing (it is active)" : Code(from + 1))}.",
                    ("state", Code(from)), ("requested_state", Code(to)));
            var before = await tx.SnapshotAsync(AuditSnapshots.Activation, c, supplierId, customerId);
            await tx.ExecAsync("UPDATE routing_activation SET state = $3, updated_at = $4 WHERE supplier_id = $1 AND customer_id = $2", c,
                supplierId, customerId, Code(to), tx.At);
            tx.Changes(CacheKeys.Relation(supplierId, customerId));
            await tx.AuditAsync($"activation.{Code(to)}", customerId, $"routing_activation:{supplierId}:{customerId}", before,
                await tx.SnapshotAsync(AuditSnapshots.Activation, c, supplierId, customerId), c);
            return await ReadAsync(tx, supplierId, customerId, c);
        }, ct);

    private static string Code(ActivationState state) => state.ToString().ToLowerInvariant();

    private static ActivationState Parse(string code) => code switch
    {
        "requested" => ActivationState.Requested,
        "accepted" => ActivationState.Accepted,
        _ => ActivationState.Active,
    };

    private static async Task<ActivationRecord> ReadAsync(AdminTransaction tx, Guid supplierId, Guid customerId, CancellationToken ct)
    {
        await using var cmd = tx.Command("SELECT provider_id, state, requested_at, updated_at FROM routing_activation WHERE supplier_id = $1 AND customer_id = $2",
            supplierId, customerId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new ActivationRecord(supplierId, customerId, reader.GetString(0), Parse(reader.GetString(1)), reader.Time(2), reader.Time(3));
    }
}
