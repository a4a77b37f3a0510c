using Npgsql;
using Qweeby.Routing.Core.Identifiers;
using Qweeby.Routing.Data.Cache;

namespace Qweeby.Routing.IntegrationTests.Infrastructure;

/// <summary>
/// Writes directory rows for a test through a host's <see cref="DirectoryWrite"/>: the real write path,
/// committing the rows and invalidating exactly the cached facts they change, on every host.
/// </summary>
public sealed class DirectorySeeder(DirectoryWrite writes)
{
    public async Task<Guid> EntityAsync(string name, string[] identifiers, bool withAdministrator = true, string kind = "company", string country = "FR")
    {
        var id = Guid.NewGuid();
        var parsed = identifiers.Select(PartyId.Parse).ToList();
        await WriteAsync([CacheKeys.Entity(id), .. parsed.SelectMany(CacheKeys.AffectedByIdentifier)], async tx =>
        {
            await ExecAsync(tx, "INSERT INTO entity (entity_id, kind, legal_name, country) VALUES ($1, $2, $3, $4)", id, kind, name, country);
            foreach (var identifier in parsed)
                await ExecAsync(tx, "INSERT INTO entity_identifier (icd, value, entity_id) VALUES ($1, $2, $3)", identifier.Icd, identifier.Value, id);
            if (withAdministrator)
                await ExecAsync(tx, "INSERT INTO contact (contact_id, entity_id, last_name, email, role) VALUES ($1, $2, 'Admin', $3, 'administrator')",
                    Guid.NewGuid(), id, $"admin-{id:N}@test.example");
        });
        return id;
    }

    public Task AddIdentifierAsync(Guid entityId, string identifier)
    {
        var parsed = PartyId.Parse(identifier);
        return WriteAsync([CacheKeys.Entity(entityId), .. CacheKeys.AffectedByIdentifier(parsed)],
            tx => ExecAsync(tx, "INSERT INTO entity_identifier (icd, value, entity_id) VALUES ($1, $2, $3)", parsed.Icd, parsed.Value, entityId));
    }

    public async Task<string> ProviderAsync(string? id = null, string channel = "interoperability", bool active = true, string? endpoint = null)
    {
        id ??= $"ap-{Guid.NewGuid():N}"[..12];
        await WriteAsync([CacheKeys.Providers()], tx => ExecAsync(tx,
            "INSERT INTO service_provider (provider_id, name, endpoint, channel, status) VALUES ($1, $2, $3, $4, $5)",
            id, $"Provider {id}", endpoint ?? $"http://{id}.test:443", channel, active ? "active" : "suspended"));
        return id;
    }

    public Task RegisterAsync(Guid entityId, string providerId, bool isDefault = true, params string[] documentTypes) =>
        WriteAsync([CacheKeys.Entity(entityId)], tx => ExecAsync(tx,
            "INSERT INTO provider_registration (entity_id, provider_id, is_default, document_types, registered_at) VALUES ($1, $2, $3, $4, clock_timestamp())",
            entityId, providerId, isDefault, documentTypes));

    public async Task<Guid> CustomerEntryAsync(Guid supplierId, Guid customerId, string? pinnedProvider = null, bool active = true, params string[] numbers)
    {
        var entry = Guid.NewGuid();
        var parsed = numbers.Select(CustomerNumber.Parse).ToList();
        await WriteAsync([CacheKeys.Relation(supplierId, customerId), .. parsed.Select(n => CacheKeys.CustomerNumber(supplierId, n))], async tx =>
        {
            await ExecAsync(tx, "INSERT INTO customer_entry (entry_id, supplier_id, customer_id, pinned_provider_id, status) VALUES ($1, $2, $3, $4, $5)",
                entry, supplierId, customerId, (object?)pinnedProvider ?? DBNull.Value, active ? "active" : "inactive");
            foreach (var number in parsed)
                await ExecAsync(tx, "INSERT INTO customer_number (supplier_id, number, entry_id) VALUES ($1, $2, $3)", supplierId, number.Value, entry);
        });
        return entry;
    }

    public Task ConsentAsync(Guid supplierId, Guid customerId, string state) =>
        WriteAsync([CacheKeys.Relation(supplierId, customerId)], tx => ExecAsync(tx, """
            INSERT INTO consent (supplier_id, customer_id, state) VALUES ($1, $2, $3)
            ON CONFLICT (supplier_id, customer_id) DO UPDATE SET state = excluded.state
            """, supplierId, customerId, state));

    public Task ApprovalAsync(Guid receiverId, Guid supplierId, string state) =>
        WriteAsync([CacheKeys.Relation(supplierId, receiverId)], tx => ExecAsync(tx, """
            INSERT INTO supplier_approval (receiver_id, supplier_id, state) VALUES ($1, $2, $3)
            ON CONFLICT (receiver_id, supplier_id) DO UPDATE SET state = excluded.state
            """, receiverId, supplierId, state));

    public Task SetModesAsync(Guid entityId, string customerDirectory = "open", string supplierDirectory = "open") =>
        WriteAsync([CacheKeys.Entity(entityId)], tx => ExecAsync(tx,
            "UPDATE entity SET customer_directory_mode = $2, supplier_directory_mode = $3 WHERE entity_id = $1",
            entityId, customerDirectory, supplierDirectory));

    public Task DeactivateAsync(Guid entityId) =>
        WriteAsync([CacheKeys.Entity(entityId)], tx => ExecAsync(tx,
            "UPDATE entity SET status = 'inactive', deactivated_at = now() WHERE entity_id = $1", entityId));

    public Task SuspendProviderAsync(string providerId) =>
        WriteAsync([CacheKeys.Providers()], tx => ExecAsync(tx, "UPDATE service_provider SET status = 'suspended' WHERE provider_id = $1", providerId));

    private Task WriteAsync(CacheKey[] changes, Func<DirectoryTransaction, Task> write) =>
        writes.RunAsync(async (tx, _) =>
        {
            await write(tx);
            tx.Changes(changes);
        }, CancellationToken.None);

    private static async Task ExecAsync(DirectoryTransaction tx, string sql, params object[] args)
    {
        await using var cmd = tx.CreateCommand(sql);
        foreach (var arg in args)
            cmd.Parameters.Add(new NpgsqlParameter { Value = arg });
        await cmd.ExecuteNonQueryAsync();
    }
}
