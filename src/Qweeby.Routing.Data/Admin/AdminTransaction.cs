using Npgsql;
using Qweeby.Routing.Data.Cache;

namespace Qweeby.Routing.Data.Admin;

/// <summary>
/// One admin change in progress (see <see cref="AdminWrites"/>): SQL in the directory transaction, the cached
/// facts it changes, and its audit rows, all committed together.
/// </summary>
public sealed class AdminTransaction
{
    private readonly DirectoryTransaction _tx;

    internal AdminTransaction(DirectoryTransaction tx, string actor, DateTimeOffset at)
    {
        _tx = tx;
        Actor = actor;
        At = at;
    }

    /// <summary>Who makes the change: the caller's id, as the audit records it.</summary>
    public string Actor { get; }

    /// <summary>When: one instant for every row the change writes.</summary>
    public DateTimeOffset At { get; }

    public NpgsqlCommand Command(string sql, params object?[] args) => _tx.CreateCommand(sql).With(args);

    public NpgsqlBatch Batch() => new(_tx.Connection, _tx.Transaction);

    public NpgsqlConnection Connection => _tx.Connection;

    public async Task<int> ExecAsync(string sql, CancellationToken ct, params object?[] args)
    {
        await using var cmd = Command(sql, args);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<T?> ScalarAsync<T>(string sql, CancellationToken ct, params object?[] args)
    {
        await using var cmd = Command(sql, args);
        return await cmd.ExecuteScalarAsync(ct) is T value ? value : default;
    }

    /// <summary>Declares cached facts the change alters (<see cref="CacheKeys"/>).</summary>
    public void Changes(params IEnumerable<CacheKey> keys) => _tx.Changes(keys);

    /// <summary>A record's JSON for the audit (<see cref="AuditSnapshots"/>), or null when there is none.</summary>
    public Task<string?> SnapshotAsync(string snapshotSql, CancellationToken ct, params object?[] args) =>
        ScalarAsync<string>($"SELECT ({snapshotSql})::text", ct, args);

    /// <summary>Writes the audit row of this change, in its transaction.</summary>
    public Task AuditAsync(string action, Guid? entityId, string subject, string? before, string? after, CancellationToken ct) =>
        ExecAsync("""
            INSERT INTO admin_audit (occurred_at, actor, action, entity_id, subject, before, after)
            VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)
            """, ct, At, Actor, action, entityId, subject, before, after);
}
