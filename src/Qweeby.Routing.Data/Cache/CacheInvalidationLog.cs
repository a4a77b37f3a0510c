using Npgsql;

namespace Qweeby.Routing.Data.Cache;

/// <summary>
/// Durable invalidations (<c>cache_invalidation</c>): a writer records the keys it changes in its own
/// transaction, so an invalidation commits with its write and survives Redis being away or the writer
/// dying after the commit. Rows are deleted once published; <see cref="RelayAsync"/> publishes leftovers.
/// Writers normally go through <see cref="DirectoryWrite"/>.
/// </summary>
public sealed class CacheInvalidationLog(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const int BatchSize = 100;

    private const string Claim = """
        SELECT id, keys FROM cache_invalidation
        WHERE created_at <= $1
        ORDER BY id LIMIT $2
        FOR UPDATE
        """;

    /// <summary>Records <paramref name="keys"/> in the writer's transaction; publish after the commit.</summary>
    public async Task<PendingInvalidation> RecordAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<CacheKey> keys, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "INSERT INTO cache_invalidation (keys, created_at) VALUES ($1, $2) RETURNING id", connection, transaction);
        cmd.Parameters.Add(new() { Value = keys.Select(k => k.Name).ToArray() });
        cmd.Parameters.Add(new() { Value = time.GetUtcNow() });
        var id = (long)(await cmd.ExecuteScalarAsync(ct))!;
        return new PendingInvalidation(id, keys.ToArray());
    }

    /// <summary>Forgets a row whose keys were published.</summary>
    public async Task DeleteAsync(PendingInvalidation pending, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("DELETE FROM cache_invalidation WHERE id = $1");
        cmd.Parameters.Add(new() { Value = pending.Id });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Publishes the rows recorded before <paramref name="createdBefore"/> (all when null) and deletes them, in
    /// batches, each claimed in a transaction. With <paramref name="skipLocked"/>, rows another host is relaying
    /// are left to it; without, this waits for that host, so that every row older than the call is published
    /// when it returns. Stops at the first batch <paramref name="publish"/> refuses (it stays pending).
    /// </summary>
    /// <returns>How many rows were published.</returns>
    public async Task<int> RelayAsync(
        DateTimeOffset? createdBefore,
        bool skipLocked,
        Func<IReadOnlyCollection<CacheKey>, CancellationToken, Task<bool>> publish,
        CancellationToken ct)
    {
        var relayed = 0;
        while (true)
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            var (ids, keys) = await ClaimAsync(connection, transaction, (createdBefore ?? DateTimeOffset.MaxValue).ToUniversalTime(), skipLocked, ct);
            if (ids.Count == 0 || !await publish(keys, ct))
                return relayed;
            await using (var delete = new NpgsqlCommand("DELETE FROM cache_invalidation WHERE id = ANY($1)", connection, transaction))
            {
                delete.Parameters.Add(new() { Value = ids.ToArray() });
                await delete.ExecuteNonQueryAsync(ct);
            }
            await transaction.CommitAsync(ct);
            relayed += ids.Count;
            if (ids.Count < BatchSize)
                return relayed;
        }
    }

    private static async Task<(List<long> Ids, HashSet<CacheKey> Keys)> ClaimAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset createdBefore, bool skipLocked, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(skipLocked ? Claim + " SKIP LOCKED" : Claim, connection, transaction);
        cmd.Parameters.Add(new() { Value = createdBefore });
        cmd.Parameters.Add(new() { Value = BatchSize });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var ids = new List<long>();
        var keys = new HashSet<CacheKey>();
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetInt64(0));
            foreach (var name in reader.GetFieldValue<string[]>(1))
                keys.Add(new CacheKey(name));
        }
        return (ids, keys);
    }
}
