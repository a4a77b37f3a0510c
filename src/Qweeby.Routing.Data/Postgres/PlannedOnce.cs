using Npgsql;

namespace Qweeby.Routing.Data.Postgres;

/// <summary>
/// Runs one read on its generic plan, made once per connection. Postgres otherwise plans a stream read again
/// on every call: for a cursor near the stream's end its custom plan looks cheaper than the generic one, and
/// planning that union of joins cost more than running it (about 0.2-0.5 ms against 0.1 ms). The best plan of
/// these reads never depends on their values (an entity's index, from the cursor on), so nothing is lost.
/// Parallel workers are off for it: the generic plan's row estimate is blind to the cursor. So is Memoize: its hash
/// table, sized by that estimate, was allocated and zeroed at every execution of the stream read (a tenth of
/// Postgres's CPU during Submit -> DELIVERED, with as many page faults), for a read of a few rows.
/// </summary>
internal static class PlannedOnce
{
    /// <summary>
    /// Every row of <paramref name="read"/>, after a first command that sets the settings for the batch's
    /// implicit transaction only (a batch without BEGIN is one transaction until its end).
    /// </summary>
    public static async Task<List<T>> ReadAsync<T>(NpgsqlDataSource dataSource, NpgsqlBatchCommand read, Func<NpgsqlDataReader, T> row, CancellationToken ct)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            """
            SELECT set_config('plan_cache_mode', 'force_generic_plan', true), set_config('max_parallel_workers_per_gather', '0', true),
                   set_config('enable_memoize', 'off', true)
            """));
        batch.BatchCommands.Add(read);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
            rows.Add(row(reader));
        return rows;
    }
}
