using Qweeby.Routing.Core.Addressing;
using Qweeby.Routing.Data.Cache;
using Qweeby.Routing.Data.Postgres;

namespace Qweeby.Routing.Data.Addressing;

/// <summary>One batch of a mirror import, applied set-wise inside the caller's transaction.</summary>
internal static class MirrorBatch
{
    private const string SameLine = """
        (d.granularity, d.siren, d.siret, d.routing_code, d.suffix, d.address, d.provider_id, d.valid_from, d.valid_to)
        IS NOT DISTINCT FROM (s.granularity, s.siren, s.siret, s.routing_code, s.suffix, s.address, s.provider_id, s.valid_from, s.valid_to)
        """;

    public static async Task<MirrorImportReport> ApplyAsync(
        DirectoryTransaction tx, IReadOnlyList<MirrorRow> rows, Guid? fullImportId, string by, BatchTurn turn, CancellationToken ct)
    {
        await ExecAsync(tx, """
            CREATE TEMP TABLE line_stage (
                row_no int, line_id text, granularity text, siren text, siret text, routing_code text, suffix text,
                address text, provider_id text, valid_from timestamptz, valid_to timestamptz) ON COMMIT DROP
            """, ct);
        var (accepted, rejected) = MirrorBatchChecks.Split(rows);
        await CopyAsync(tx, accepted, ct);

        // No constraint refuses overlaps: from here on, what is read of the current lines must stay true until the commit.
        await LineWriteLock.ForBatchAsync(tx, ct);
        await turn.TakeAsync();
        if (fullImportId is { } seenBy)
            rejected.AddRange(await RejectAsync(tx, "line_id", "line_id {0} appears earlier in the file",
                "SELECT s.row_no, s.line_id FROM line_stage s JOIN line_import_seen x ON x.import_id = $1 AND x.line_id = s.line_id", ct, seenBy));
        // The rows to write: each staged line against its latest version (the current one, when it has one), one
        // index probe per row. Unchanged rows change nothing, so only these are checked against the current lines.
        await ExecAsync(tx, $"""
            CREATE TEMP TABLE line_diff ON COMMIT DROP AS
            SELECT s.*, d.version AS latest_version, d.line_id IS NOT NULL AND d.superseded_at IS NULL AS replaces_current,
                   d.address AS old_address,
                   (d.valid_to IS NULL AND s.valid_to IS NOT NULL
                    AND (d.granularity, d.address, d.provider_id, d.valid_from) = (s.granularity, s.address, s.provider_id, s.valid_from)) AS is_end
            FROM line_stage s
            LEFT JOIN LATERAL (SELECT * FROM directory_line d WHERE d.line_id = s.line_id ORDER BY d.version DESC LIMIT 1) d ON true
            WHERE d.line_id IS NULL OR d.superseded_at IS NOT NULL OR NOT ({SameLine})
            """, ct);
        // A rejected row leaves its line's current version in place, which may overlap rows accepted so far.
        List<RowRejection> overlapping;
        do
        {
            // Lateral: one index probe per row, whatever the planner guesses of the unanalyzed temp table.
            overlapping = await RejectAsync(tx, "valid_from", "overlaps current line {0} of the same address", """
                SELECT s.row_no, d.line_id FROM line_diff s CROSS JOIN LATERAL (
                    SELECT d.line_id FROM directory_line d
                    WHERE d.superseded_at IS NULL AND d.siren = s.siren AND d.address = s.address AND d.line_id <> s.line_id
                      AND tstzrange(d.valid_from, d.valid_to) && tstzrange(s.valid_from, s.valid_to)
                      AND d.line_id NOT IN (SELECT line_id FROM line_diff)
                    ORDER BY d.valid_from LIMIT 1) d
                """, ct, alsoFromDiff: true);
            rejected.AddRange(overlapping);
        }
        while (overlapping.Count > 0);

        var (created, changed, ended, addresses) = await DiffAsync(tx, ct);
        if (changed + ended > 0)
            await ExecAsync(tx, """
                UPDATE directory_line d SET superseded_at = now()
                FROM line_diff c WHERE c.replaces_current AND d.line_id = c.line_id AND d.version = c.latest_version
                """, ct);
        if (created + changed + ended > 0)
            await ExecAsync(tx, """
                INSERT INTO directory_line (line_id, version, granularity, siren, siret, routing_code, suffix, address, provider_id,
                                            valid_from, valid_to, change, changed_by)
                SELECT line_id, COALESCE(latest_version, 0) + 1, granularity, siren, siret, routing_code, suffix, address, provider_id,
                       valid_from, valid_to, 'imported', $1
                FROM line_diff
                """, ct, by);
        if (fullImportId is { } id)
            await ExecAsync(tx, "INSERT INTO line_import_seen (import_id, line_id) SELECT $1, line_id FROM line_stage", ct, id);

        tx.Changes(addresses.Select(CacheKeys.Lines));
        var applied = rows.Count - rejected.Count;
        return new MirrorImportReport(created, changed, ended, applied - created - changed - ended, rejected);
    }

    /// <summary>Ends (now) the current lines a full extract did not mention.</summary>
    public static async Task<MirrorImportReport> EndUnseenAsync(DirectoryTransaction tx, Guid importId, string by, CancellationToken ct)
    {
        await LineWriteLock.ForBatchAsync(tx, ct);
        await ExecAsync(tx, """
            CREATE TEMP TABLE line_unseen ON COMMIT DROP AS
            SELECT d.line_id, d.version, d.address, d.valid_from < now() AS started FROM directory_line d
            WHERE d.superseded_at IS NULL AND (d.valid_to IS NULL OR d.valid_to > now())
              AND NOT EXISTS (SELECT 1 FROM line_import_seen x WHERE x.import_id = $1 AND x.line_id = d.line_id)
            """, ct, importId);
        await ExecAsync(tx, "UPDATE directory_line d SET superseded_at = now() FROM line_unseen u WHERE d.line_id = u.line_id AND d.version = u.version", ct);
        // A line that has started ends now; one that has not started yet is withdrawn (superseded, no new version).
        await CountAsync(tx, """
            WITH inserted AS (
                INSERT INTO directory_line (line_id, version, granularity, siren, siret, routing_code, suffix, address, provider_id,
                                            valid_from, valid_to, change, changed_by)
                SELECT d.line_id, d.version + 1, d.granularity, d.siren, d.siret, d.routing_code, d.suffix, d.address, d.provider_id,
                       d.valid_from, now(), 'imported', $1
                FROM directory_line d JOIN line_unseen u ON d.line_id = u.line_id AND d.version = u.version
                WHERE u.started
                RETURNING 1)
            SELECT count(*) FROM inserted
            """, ct, by);
        var ended = await CountAsync(tx, "SELECT count(*) FROM line_unseen", ct);
        tx.Changes(await ReadLineKeysAsync(tx, "SELECT DISTINCT address FROM line_unseen", ct));
        await ForgetSeenAsync(tx, importId, ct);
        return MirrorImportReport.Empty with { Ended = ended };
    }

    /// <summary>The lines a FULL import saw, kept only until it ends the others (or fails).</summary>
    public static Task ForgetSeenAsync(DirectoryTransaction tx, Guid importId, CancellationToken ct) =>
        ExecAsync(tx, "DELETE FROM line_import_seen WHERE import_id = $1", ct, importId);

    private static async Task CopyAsync(DirectoryTransaction tx, IReadOnlyList<MirrorRow> rows, CancellationToken ct)
    {
        await using var copy = await tx.Connection.BeginTextImportAsync(
            "COPY line_stage (row_no, line_id, granularity, siren, siret, routing_code, suffix, address, provider_id, valid_from, valid_to) FROM STDIN", ct);
        var writer = new CopyTextRows(copy);
        foreach (var r in rows)
        {
            writer.Integer(r.RowNumber).Text(r.LineId).Text(LineGranularityCodes.Code(r.Granularity)).Text(r.Siren).Text(r.Siret)
                .Text(r.RoutingCode).Text(r.Suffix).Text(r.Address).Text(r.ProviderId).Timestamp(r.ValidFrom).Timestamp(r.ValidTo);
            await writer.EndRowAsync(ct);
        }
        await writer.FlushAsync(ct);
    }

    /// <summary>Records the rows a query names as rejected (reason formatted with the conflicting line) and drops them from the stage.</summary>
    private static async Task<List<RowRejection>> RejectAsync(DirectoryTransaction tx, string field, string reason, string query, CancellationToken ct,
        Guid? importId = null, bool alsoFromDiff = false)
    {
        var rejected = new List<RowRejection>();
        await using (var cmd = tx.CreateCommand(query))
        {
            if (importId is { } id)
                cmd.Parameters.Add(new() { Value = id });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                rejected.Add(new RowRejection(reader.GetInt32(0), field, string.Format(System.Globalization.CultureInfo.InvariantCulture, reason, reader.GetString(1))));
        }
        if (rejected.Count == 0)
            return rejected;
        var rowNumbers = rejected.Select(r => r.RowNumber).ToArray();
        await ExecAsync(tx, "DELETE FROM line_stage WHERE row_no = ANY($1)", ct, rowNumbers);
        if (alsoFromDiff)
            await ExecAsync(tx, "DELETE FROM line_diff WHERE row_no = ANY($1)", ct, rowNumbers);
        return rejected;
    }

    /// <summary>What the batch changes: its counts, and the addresses whose lines change (a line moved to another address changes the old one too).</summary>
    private static async Task<(int Created, int Changed, int Ended, string[] Addresses)> DiffAsync(DirectoryTransaction tx, CancellationToken ct)
    {
        await using var cmd = tx.CreateCommand("""
            SELECT count(*) FILTER (WHERE NOT replaces_current), count(*) FILTER (WHERE replaces_current AND NOT is_end),
                   count(*) FILTER (WHERE replaces_current AND is_end),
                   ARRAY(SELECT address FROM line_diff UNION SELECT old_address FROM line_diff WHERE replaces_current)
            FROM line_diff
            """);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return ((int)reader.GetInt64(0), (int)reader.GetInt64(1), (int)reader.GetInt64(2), reader.GetFieldValue<string[]>(3));
    }

    private static async Task<int> CountAsync(DirectoryTransaction tx, string sql, CancellationToken ct, params object[] args)
    {
        await using var cmd = tx.CreateCommand(sql);
        foreach (var arg in args)
            cmd.Parameters.Add(new() { Value = arg });
        return (int)(long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static async Task<List<CacheKey>> ReadLineKeysAsync(DirectoryTransaction tx, string sql, CancellationToken ct)
    {
        var keys = new List<CacheKey>();
        await using var cmd = tx.CreateCommand(sql);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            keys.Add(CacheKeys.Lines(reader.GetString(0)));
        return keys;
    }

    private static async Task ExecAsync(DirectoryTransaction tx, string sql, CancellationToken ct, params object[] args)
    {
        await using var cmd = tx.CreateCommand(sql);
        foreach (var arg in args)
            cmd.Parameters.Add(new() { Value = arg });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
