using Npgsql;
using Qweeby.Routing.Core.Security;

namespace Qweeby.Routing.Data.Security;

/// <summary>The <c>api_key</c> table: created and revoked by the CLI, read by the hosts (through their short cache).</summary>
public sealed class ApiKeyStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "key_id, name, roles, entity_ids, secret_sha256, created_at, created_by, revoked_at";

    public async Task CreateAsync(ApiKey key, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"""
            INSERT INTO api_key ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL)
            """);
        cmd.Parameters.Add(new() { Value = key.KeyId });
        cmd.Parameters.Add(new() { Value = key.Name });
        cmd.Parameters.Add(new() { Value = key.Roles.Select(r => r.ToName()).ToArray() });
        cmd.Parameters.Add(new() { Value = key.Scope.IsAll ? DBNull.Value : key.Scope.Entities.ToArray() });
        cmd.Parameters.Add(new() { Value = key.SecretHash });
        cmd.Parameters.Add(new() { Value = key.CreatedAt });
        cmd.Parameters.Add(new() { Value = key.CreatedBy });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<ApiKey?> FindAsync(string keyId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM api_key WHERE key_id = $1");
        cmd.Parameters.Add(new() { Value = keyId });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM api_key ORDER BY created_at, key_id");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var keys = new List<ApiKey>();
        while (await reader.ReadAsync(ct))
            keys.Add(Read(reader));
        return keys;
    }

    /// <summary>Marks the key revoked; false when no such key exists. Revoking twice keeps the first time.</summary>
    public async Task<bool> RevokeAsync(string keyId, DateTimeOffset at, string by, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            UPDATE api_key SET revoked_at = coalesce(revoked_at, $2), revoked_by = coalesce(revoked_by, $3)
            WHERE key_id = $1
            """);
        cmd.Parameters.Add(new() { Value = keyId });
        cmd.Parameters.Add(new() { Value = at });
        cmd.Parameters.Add(new() { Value = by });
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>The ids among <paramref name="entityIds"/> that name no entity of the directory.</summary>
    public async Task<IReadOnlyList<Guid>> UnknownEntitiesAsync(IReadOnlyCollection<Guid> entityIds, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT id FROM unnest($1::uuid[]) AS id
            WHERE NOT EXISTS (SELECT 1 FROM entity e WHERE e.entity_id = id)
            """);
        cmd.Parameters.Add(new() { Value = entityIds.ToArray() });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var unknown = new List<Guid>();
        while (await reader.ReadAsync(ct))
            unknown.Add(reader.GetGuid(0));
        return unknown;
    }

    private static ApiKey Read(NpgsqlDataReader reader)
    {
        var roles = reader.GetFieldValue<string[]>(2)
            .Select(name => RoleNames.TryParse(name, out var role) ? role
                : throw new InvalidOperationException($"api_key holds an unknown role '{name}'."))
            .ToArray();
        var scope = reader.IsDBNull(3) ? EntityScope.All : EntityScope.Of(reader.GetFieldValue<Guid[]>(3));
        return new ApiKey(
            reader.GetString(0),
            reader.GetString(1),
            roles,
            scope,
            reader.GetFieldValue<byte[]>(4),
            reader.GetFieldValue<DateTimeOffset>(5),
            reader.GetString(6),
            reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7));
    }
}
