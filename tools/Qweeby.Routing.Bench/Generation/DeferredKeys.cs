using Npgsql;

namespace Qweeby.Routing.Bench.Generation;

/// <summary>
/// The keys, indexes and foreign keys of the bulk-loaded tables, as the migrations define them: read from the
/// catalog, dropped before the COPY and rebuilt after it, table by table. One sorted build is much cheaper
/// than maintaining a B-tree row by row, and a foreign key validated by one join cheaper than a trigger per row.
/// </summary>
internal sealed class DeferredKeys
{
    private readonly List<(string Table, string Name, string Definition)> _constraints = [];

    /// <summary>Where each build's time is told, when set.</summary>
    public Action<string>? Log { get; set; }
    private readonly List<(string Table, string Name, string Definition)> _foreignKeys = [];
    private readonly List<(string Table, string Name, string Definition)> _indexes = [];

    public static async Task<DeferredKeys> DropAsync(NpgsqlDataSource db, IReadOnlyList<string> tables, CancellationToken ct)
    {
        var keys = new DeferredKeys();
        await using (var cmd = db.CreateCommand("""
            SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid), c.contype::text
            FROM pg_constraint c
            WHERE c.contype IN ('p', 'u', 'f') AND (c.conrelid::regclass::text = ANY($1) OR c.confrelid::regclass::text = ANY($1))
            """))
        {
            cmd.Parameters.Add(new() { Value = tables.ToArray() });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var row = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
                (reader.GetString(3) == "f" ? keys._foreignKeys : keys._constraints).Add(row);
            }
        }
        await using (var cmd = db.CreateCommand("""
            SELECT i.indrelid::regclass::text, i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
            FROM pg_index i
            WHERE i.indrelid::regclass::text = ANY($1)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            """))
        {
            cmd.Parameters.Add(new() { Value = tables.ToArray() });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                keys._indexes.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        foreach (var (table, name, _) in keys._foreignKeys)
            await ExecAsync(db, $"ALTER TABLE {table} DROP CONSTRAINT {name}", ct);
        foreach (var (table, name, _) in keys._constraints)
            await ExecAsync(db, $"ALTER TABLE {table} DROP CONSTRAINT {name}", ct);
        foreach (var (_, name, _) in keys._indexes)
            await ExecAsync(db, $"DROP INDEX {name}", ct);
        return keys;
    }

    /// <summary>
    /// Rebuilds what belongs to <paramref name="tables"/> (indexes in parallel, then the foreign keys they own
    /// whose referenced table has its key back). <paramref name="except"/> names indexes left for later.
    /// </summary>
    public async Task RestoreAsync(NpgsqlDataSource db, IReadOnlyCollection<string> tables, CancellationToken ct, params string[] except)
    {
        var builds = _constraints.Where(c => tables.Contains(c.Table))
            .Select(c => $"ALTER TABLE {c.Table} ADD CONSTRAINT {c.Name} {c.Definition}")
            .Concat(_indexes.Where(i => tables.Contains(i.Table) && !except.Contains(i.Name)).Select(i => i.Definition))
            .ToList();
        _constraints.RemoveAll(c => tables.Contains(c.Table));
        _indexes.RemoveAll(i => tables.Contains(i.Table) && !except.Contains(i.Name));
        // One at a time: each build sorts with Postgres' parallel workers already; two at once on two cores fight for them.
        await Parallel.ForEachAsync(builds, new ParallelOptions { MaxDegreeOfParallelism = 1, CancellationToken = ct },
            async (sql, c) =>
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                await ExecAsync(db, sql, c);
                Log?.Invoke($"    {clock.Elapsed.TotalSeconds,6:F3} s  {sql}");
            });

        var restored = _constraints.Select(c => c.Table).ToHashSet();
        var ready = _foreignKeys.Where(f => tables.Contains(f.Table) && !restored.Contains(ReferencedTable(f.Definition))).ToList();
        foreach (var fk in ready)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await ExecAsync(db, $"ALTER TABLE {fk.Table} ADD CONSTRAINT {fk.Name} {fk.Definition}", ct);
            Log?.Invoke($"    {clock.Elapsed.TotalSeconds,6:F3} s  {fk.Table} {fk.Definition}");
            _foreignKeys.Remove(fk);
        }
    }

    /// <summary>Whatever is left: indexes named in <c>except</c> and foreign keys waiting for their referenced table.</summary>
    public async Task RestoreRemainingAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        foreach (var (_, _, definition) in _indexes)
            await ExecAsync(db, definition, ct);
        _indexes.Clear();
        foreach (var (table, name, definition) in _foreignKeys)
            await ExecAsync(db, $"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}", ct);
        _foreignKeys.Clear();
    }

    // "FOREIGN KEY (entity_id) REFERENCES entity(entity_id) ..." -> "entity"
    private static string ReferencedTable(string definition)
    {
        var after = definition[(definition.IndexOf("REFERENCES ", StringComparison.Ordinal) + "REFERENCES ".Length)..];
        return after[..after.IndexOfAny(['(', ' '])];
    }

    private static async Task ExecAsync(NpgsqlDataSource db, string sql, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(sql);
        cmd.CommandTimeout = 0;
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
