using Qweeby.Routing.Data.Directory;
using Qweeby.Routing.Core.Identifiers;
using Qweeby.Routing.Data.Cache;

namespace Qweeby.Routing.Data.Admin;

/// <summary>
/// Writes to a supplier's customer directory. Each change invalidates the supplier → customer relation (entry,
/// status, pinned provider) and the supplier's customer numbers it adds or frees.
/// </summary>
public sealed class CustomerDirectoryStore(AdminWrites writes)
{
    /// <summary>Adds a customer (an existing entity, or <paramref name="create"/>d here) with its numbers, pin and optional consent request.</summary>
    /// <param name="callerAdministers">
    /// Whether the caller administers an entity: a customer created here may not hold an identifier of a legal unit
    /// another entity holds identifiers of, unless the caller administers that one (see <see cref="IdentifierConflicts"/>).
    /// </param>
    public Task<CustomerEntryRecord> AddAsync(Guid supplierId, Guid? customerId, NewCustomer? create, IReadOnlyList<CustomerNumber> numbers,
        string? pinnedProviderId, bool requestConsent, string actor, Func<Guid, bool> callerAdministers, CancellationToken ct) =>
        writes.RunAsync(actor, async (tx, c) =>
        {
            var customer = customerId ?? await CreateCustomerAsync(tx, create!, callerAdministers, c);
            if (await tx.ScalarAsync<Guid?>("SELECT entry_id FROM customer_entry WHERE supplier_id = $1 AND customer_id = $2", c, supplierId, customer) is { } existing)
                throw new AdminRefusal(AdminRefusalKind.Conflict, "CUSTOMER_ENTRY_EXISTS",
                    $"Entity {customer} is already in this customer directory (entry {existing}): change that entry instead.",
                    ("entry_id", existing.ToString()), ("customer_id", customer.ToString()));
            await DemandProviderAsync(tx, pinnedProviderId, c);
            await DemandNumbersFreeAsync(tx, supplierId, null, numbers, c);
            var entryId = Guid.NewGuid();
            await tx.ExecAsync("""
                INSERT INTO customer_entry (entry_id, supplier_id, customer_id, pinned_provider_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)
                """, c, entryId, supplierId, customer, pinnedProviderId, tx.At);
            await InsertNumbersAsync(tx, supplierId, entryId, numbers, c);
            tx.Changes([CacheKeys.Relation(supplierId, customer), .. numbers.Select(n => CacheKeys.CustomerNumber(supplierId, n))]);
            await tx.AuditAsync("customer.add", supplierId, $"customer_entry:{entryId}", null,
                await tx.SnapshotAsync(AuditSnapshots.CustomerEntry, c, supplierId, customer), c);
            if (requestConsent)
                await ConsentStore.RequestInAsync(tx, supplierId, customer, c);
            return (await CustomerEntryReader.ReadOneAsync(tx, supplierId, customer, c))!;
        }, ct);

    /// <summary>Replaces the entry's numbers; a number another entry holds is a conflict naming that customer.</summary>
    public Task<CustomerEntryRecord> SetNumbersAsync(Guid supplierId, Guid customerId, IReadOnlyList<CustomerNumber> numbers, string actor, CancellationToken ct) =>
        ChangeAsync(supplierId, customerId, "customer.numbers", actor, async (tx, entryId, c) =>
        {
            if (numbers.Count == 0 && !await tx.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM entity_identifier WHERE entity_id = $1)", c, customerId))
                throw new AdminRefusal(AdminRefusalKind.Precondition, "CUSTOMER_NUMBER_REQUIRED",
                    $"Customer {customerId} has no identifier: your customer numbers are the only way to find it; keep at least one.",
                    ("customer_id", customerId.ToString()));
            await DemandNumbersFreeAsync(tx, supplierId, entryId, numbers, c);
            await using (var cmd = tx.Command("DELETE FROM customer_number WHERE entry_id = $1 RETURNING number", entryId))
            await using (var reader = await cmd.ExecuteReaderAsync(c))
                while (await reader.ReadAsync(c))
                    tx.Changes(CacheKeys.CustomerNumber(supplierId, CustomerNumber.Parse(reader.GetString(0))));
            await InsertNumbersAsync(tx, supplierId, entryId, numbers, c);
            tx.Changes(numbers.Select(n => CacheKeys.CustomerNumber(supplierId, n)));
        }, ct);

    public Task<CustomerEntryRecord> PinAsync(Guid supplierId, Guid customerId, string? providerId, string actor, CancellationToken ct) =>
        ChangeAsync(supplierId, customerId, "customer.pin", actor, async (tx, entryId, c) =>
        {
            await DemandProviderAsync(tx, providerId, c);
            await tx.ExecAsync("UPDATE customer_entry SET pinned_provider_id = $2 WHERE entry_id = $1", c, entryId, providerId);
        }, ct);

    public Task<CustomerEntryRecord> SetActiveAsync(Guid supplierId, Guid customerId, bool active, string actor, CancellationToken ct) =>
        ChangeAsync(supplierId, customerId, active ? "customer.reactivate" : "customer.deactivate", actor, (tx, entryId, c) =>
            tx.ExecAsync("UPDATE customer_entry SET status = $2 WHERE entry_id = $1", c, entryId, active ? "active" : "inactive"), ct);

    /// <summary>Deletes the entry; its numbers are freed (and their cached answers dropped).</summary>
    public Task<(Guid EntryId, IReadOnlyList<string> Freed)> DeleteAsync(Guid supplierId, Guid customerId, string actor, CancellationToken ct) =>
        writes.RunAsync(actor, async (tx, c) =>
        {
            var before = await tx.SnapshotAsync(AuditSnapshots.CustomerEntry, c, supplierId, customerId);
            var entry = await CustomerEntryReader.ReadOneAsync(tx, supplierId, customerId, c) ?? throw AdminRefusal.EntryNotFound(supplierId, customerId);
            await tx.ExecAsync("DELETE FROM customer_entry WHERE entry_id = $1", c, entry.EntryId);
            tx.Changes([CacheKeys.Relation(supplierId, customerId), .. entry.CustomerNumbers.Select(n => CacheKeys.CustomerNumber(supplierId, CustomerNumber.Parse(n)))]);
            await tx.AuditAsync("customer.delete", supplierId, $"customer_entry:{entry.EntryId}", before, null, c);
            return (entry.EntryId, entry.CustomerNumbers);
        }, ct);

    private Task<CustomerEntryRecord> ChangeAsync(Guid supplierId, Guid customerId, string action, string actor,
        Func<AdminTransaction, Guid, CancellationToken, Task> change, CancellationToken ct) =>
        writes.RunAsync(actor, async (tx, c) =>
        {
            var entryId = await tx.ScalarAsync<Guid?>("SELECT entry_id FROM customer_entry WHERE supplier_id = $1 AND customer_id = $2 FOR UPDATE", c, supplierId, customerId)
                ?? throw AdminRefusal.EntryNotFound(supplierId, customerId);
            var before = await tx.SnapshotAsync(AuditSnapshots.CustomerEntry, c, supplierId, customerId);
            await change(tx, entryId, c);
            await tx.ExecAsync("UPDATE customer_entry SET updated_at = $2 WHERE entry_id = $1", c, entryId, tx.At);
            tx.Changes(CacheKeys.Relation(supplierId, customerId));
            await tx.AuditAsync(action, supplierId, $"customer_entry:{entryId}", before, await tx.SnapshotAsync(AuditSnapshots.CustomerEntry, c, supplierId, customerId), c);
            return (await CustomerEntryReader.ReadOneAsync(tx, supplierId, customerId, c))!;
        }, ct);

    private static async Task<Guid> CreateCustomerAsync(AdminTransaction tx, NewCustomer customer, Func<Guid, bool> callerAdministers, CancellationToken ct)
    {
        if (customer.Identifier is { } identifier)
            await IdentifierConflicts.DemandAddableAsync(tx, [identifier], null, callerAdministers, ct);
        var id = Guid.NewGuid();
        await tx.ExecAsync("INSERT INTO entity (entity_id, kind, legal_name, country, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)",
            ct, id, DirectoryCodes.Code(customer.Kind), customer.LegalName, customer.Country, tx.At);
        tx.Changes(CacheKeys.Entity(id));
        if (customer.Identifier is { } added)
        {
            await tx.ExecAsync("INSERT INTO entity_identifier (icd, value, entity_id) VALUES ($1, $2, $3)", ct, added.Icd, added.Value, id);
            tx.Changes(CacheKeys.AffectedByIdentifier(added));
        }
        await tx.AuditAsync("entity.create", id, $"entity:{id}", null, await tx.SnapshotAsync(AuditSnapshots.Entity, ct, id), ct);
        return id;
    }

    private static async Task DemandProviderAsync(AdminTransaction tx, string? providerId, CancellationToken ct)
    {
        if (providerId is not null && await tx.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM service_provider WHERE provider_id = $1)", ct, providerId) is false)
            throw AdminRefusal.ProviderNotFound(providerId);
    }

    private static async Task DemandNumbersFreeAsync(AdminTransaction tx, Guid supplierId, Guid? entryId, IReadOnlyList<CustomerNumber> numbers, CancellationToken ct)
    {
        if (numbers.Count == 0)
            return;
        await using var cmd = tx.Command("""
            SELECT n.number, ce.customer_id, e.legal_name FROM customer_number n
            JOIN customer_entry ce USING (entry_id) JOIN entity e ON e.entity_id = ce.customer_id
            WHERE n.supplier_id = $1 AND n.number = ANY($2) AND ($3::uuid IS NULL OR n.entry_id <> $3)
            ORDER BY n.number LIMIT 1
            """, supplierId, numbers.Select(n => n.Value).ToArray(), entryId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (await reader.ReadAsync(ct))
            throw new AdminRefusal(AdminRefusalKind.Conflict, "CUSTOMER_NUMBER_TAKEN",
                $"Customer number {reader.GetString(0)} already designates {reader.GetString(2)} (entity {reader.GetGuid(1)}) in this customer directory: "
                + "remove it from that entry first, or choose another number.",
                ("customer_number", reader.GetString(0)), ("holder_entity_id", reader.GetGuid(1).ToString()), ("holder_name", reader.GetString(2)));
    }

    private static async Task InsertNumbersAsync(AdminTransaction tx, Guid supplierId, Guid entryId, IReadOnlyList<CustomerNumber> numbers, CancellationToken ct)
    {
        if (numbers.Count > 0)
            await tx.ExecAsync("INSERT INTO customer_number (supplier_id, number, entry_id) SELECT $1, unnest($2::text[]), $3", ct,
                supplierId, numbers.Select(n => n.Value).Distinct().ToArray(), entryId);
    }
}
