using Npgsql;
using Qweeby.Routing.Core.Directory;
using Qweeby.Routing.Data.Cache;
using Qweeby.Routing.Data.Directory;

namespace Qweeby.Routing.Data.Admin;

/// <summary>Per-entity directory settings: customer directory and supplier directory, open or closed.</summary>
public sealed class SettingsStore(NpgsqlDataSource dataSource, AdminWrites writes)
{
    private const string Select = "SELECT entity_id, legal_name, customer_directory_mode, supplier_directory_mode, updated_at FROM entity WHERE entity_id = $1";

    public async Task<EntitySettingsRecord> GetAsync(Guid entityId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(Select).With(entityId);
        return await ReadAsync(cmd, entityId, ct);
    }

    /// <summary>Sets one directory's mode; the entity's cached facts (which hold both modes) are invalidated.</summary>
    public Task<EntitySettingsRecord> SetModeAsync(Guid entityId, DirectorySide side, DirectoryMode mode, string actor, CancellationToken ct) =>
        writes.RunAsync(actor, async (tx, c) =>
        {
            var before = await tx.SnapshotAsync(AuditSnapshots.Settings, c, entityId) ?? throw AdminRefusal.EntityNotFound(entityId);
            var column = side == DirectorySide.Customer ? "customer_directory_mode" : "supplier_directory_mode";
            await tx.ExecAsync($"UPDATE entity SET {column} = $2, updated_at = $3 WHERE entity_id = $1", c, entityId, DirectoryCodes.Code(mode), tx.At);
            tx.Changes(CacheKeys.Entity(entityId));
            var after = await tx.SnapshotAsync(AuditSnapshots.Settings, c, entityId);
            await tx.AuditAsync(side == DirectorySide.Customer ? "settings.customer_directory" : "settings.supplier_directory",
                entityId, $"entity:{entityId}", before, after, c);
            await using var cmd = tx.Command(Select, entityId);
            return await ReadAsync(cmd, entityId, c);
        }, ct);

    private static async Task<EntitySettingsRecord> ReadAsync(NpgsqlCommand cmd, Guid entityId, CancellationToken ct)
    {
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
            throw AdminRefusal.EntityNotFound(entityId);
        return new EntitySettingsRecord(reader.GetGuid(0), reader.GetString(1), DirectoryCodes.Mode(reader.GetString(2)),
            DirectoryCodes.Mode(reader.GetString(3)), reader.Time(4));
    }
}
