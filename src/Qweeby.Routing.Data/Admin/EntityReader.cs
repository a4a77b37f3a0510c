using Npgsql;
using Qweeby.Routing.Core.Directory;
using Qweeby.Routing.Data.Directory;

namespace Qweeby.Routing.Data.Admin;

/// <summary>Reads an entity with its identifiers, contacts and registrations in one round trip.</summary>
public sealed class EntityReader(NpgsqlDataSource dataSource)
{
    public async Task<EntityRecord> GetAsync(Guid entityId, CancellationToken ct)
    {
        await using var batch = dataSource.CreateBatch();
        return await ReadAsync(batch, entityId, ct) ?? throw AdminRefusal.EntityNotFound(entityId);
    }

    internal static async Task<EntityRecord> ReadAsync(AdminTransaction tx, Guid entityId, CancellationToken ct)
    {
        await using var batch = tx.Batch();
        return await ReadAsync(batch, entityId, ct) ?? throw AdminRefusal.EntityNotFound(entityId);
    }

    private static async Task<EntityRecord?> ReadAsync(NpgsqlBatch batch, Guid entityId, CancellationToken ct)
    {
        batch.BatchCommands.Add(new("""
            SELECT e.entity_id, e.kind, e.legal_name, e.country, e.status = 'active', e.multi_account,
                   e.customer_directory_mode, e.supplier_directory_mode,
                   ARRAY(SELECT i.icd || ':' || i.value FROM entity_identifier i WHERE i.entity_id = e.entity_id ORDER BY 1),
                   e.created_at, e.updated_at
            FROM entity e WHERE e.entity_id = $1
            """) { Parameters = { new() { Value = entityId } } });
        batch.BatchCommands.Add(new("""
            SELECT contact_id, last_name, first_name, email, role = 'administrator', status = 'active', multi_account
            FROM contact WHERE entity_id = $1 ORDER BY registered_at, contact_id
            """) { Parameters = { new() { Value = entityId } } });
        batch.BatchCommands.Add(new("""
            SELECT provider_id, document_types, is_default FROM provider_registration WHERE entity_id = $1 ORDER BY registered_at, provider_id
            """) { Parameters = { new() { Value = entityId } } });
        await using var reader = await batch.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
            return null;
        var entity = new EntityRecord(reader.GetGuid(0), DirectoryCodes.Kind(reader.GetString(1)), reader.GetString(2), reader.GetString(3).Trim(),
            reader.GetBoolean(4), reader.GetBoolean(5), DirectoryCodes.Mode(reader.GetString(6)), DirectoryCodes.Mode(reader.GetString(7)),
            reader.GetFieldValue<string[]>(8), [], [], reader.Time(9), reader.Time(10));
        await reader.NextResultAsync(ct);
        var contacts = new List<ContactRecord>();
        while (await reader.ReadAsync(ct))
            contacts.Add(new ContactRecord(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetBoolean(4), reader.GetBoolean(5), reader.GetBoolean(6)));
        await reader.NextResultAsync(ct);
        var registrations = new List<ProviderRegistration>();
        while (await reader.ReadAsync(ct))
            registrations.Add(new ProviderRegistration(reader.GetString(0), reader.GetFieldValue<string[]>(1), reader.GetBoolean(2)));
        return entity with { Contacts = contacts, Registrations = registrations };
    }
}
