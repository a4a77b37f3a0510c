using Npgsql;
using Qweeby.Routing.Core.Addressing;

namespace Qweeby.Routing.Data.Addressing;

/// <summary>Reads directory lines: the current versions routing and search use, and the full history.</summary>
public sealed class DirectoryLineReader(NpgsqlDataSource dataSource)
{
    internal const string Columns = "line_id, version, granularity, siren, siret, routing_code, suffix, provider_id, valid_from, valid_to";

    /// <summary>The current versions of the lines at each of <paramref name="addresses"/> (0225 addresses of <paramref name="siren"/>), every one of them answered.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<DirectoryLine>>> CurrentAtAsync(string siren, IReadOnlyCollection<string> addresses,
        CancellationToken ct)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(CurrentAtCommand(siren, addresses));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        return await ReadCurrentAtAsync(reader, addresses, ct);
    }

    /// <summary>The current versions of the lines at some addresses of one SIREN, as one statement of a batch (read by <see cref="ReadCurrentAtAsync"/>).</summary>
    internal static NpgsqlBatchCommand CurrentAtCommand(string siren, IReadOnlyCollection<string> addresses) =>
        new($"SELECT {Columns}, address FROM directory_line WHERE siren = $1 AND address = ANY($2) AND superseded_at IS NULL ORDER BY valid_from, line_id")
        {
            Parameters = { new() { Value = siren }, new() { Value = addresses.ToArray() } },
        };

    internal static async Task<IReadOnlyDictionary<string, IReadOnlyList<DirectoryLine>>> ReadCurrentAtAsync(NpgsqlDataReader reader,
        IReadOnlyCollection<string> addresses, CancellationToken ct)
    {
        var lines = addresses.ToDictionary(a => a, _ => new List<DirectoryLine>());
        // Keyed by the stored address, which the query matched: a row is never read for an address not asked.
        while (await reader.ReadAsync(ct))
            lines[reader.GetString(10)].Add(Read(reader));
        return lines.ToDictionary(p => p.Key, p => (IReadOnlyList<DirectoryLine>)p.Value);
    }

    /// <summary>
    /// For each target, in one round trip: its own current lines (its SIREN's that name no SIRET and, for an establishment,
    /// its SIRET's; a legal unit's are all of its SIREN's), SIREN-level first, at most <paramref name="max"/>, and how many there are.
    /// </summary>
    public async Task<IReadOnlyList<(IReadOnlyList<DirectoryLine> Lines, int Total)>> OwnLinesAsync(IReadOnlyList<LineTarget> targets, int max,
        CancellationToken ct)
    {
        var own = targets.Select(_ => (Lines: new List<DirectoryLine>(), Total: 0)).ToArray();
        if (targets.Count == 0)
            return [];
        await using var cmd = dataSource.CreateCommand($"""
            SELECT {Columns}, q.n, l.total
            FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS q(of_siren, of_siret, n)
            CROSS JOIN LATERAL (
                SELECT d.*, count(*) OVER () AS total FROM directory_line d
                WHERE d.siren = q.of_siren AND d.superseded_at IS NULL AND (q.of_siret IS NULL OR d.siret IS NULL OR d.siret = q.of_siret)
                ORDER BY d.siret IS NOT NULL, d.address COLLATE "C", d.line_id COLLATE "C"
                LIMIT $3) l
            ORDER BY q.n, l.siret IS NOT NULL, l.address COLLATE "C", l.line_id COLLATE "C"
            """);
        cmd.Parameters.Add(new() { Value = targets.Select(t => t.Siren).ToArray() });
        cmd.Parameters.Add(new() { Value = targets.Select(t => t.Siret).ToArray() });
        cmd.Parameters.Add(new() { Value = max });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var i = (int)reader.GetInt64(10) - 1;
            own[i].Lines.Add(Read(reader));
            own[i].Total = (int)reader.GetInt64(11);
        }
        return [.. own.Select(o => ((IReadOnlyList<DirectoryLine>)o.Lines, o.Total))];
    }

    /// <summary>
    /// A page of a SIREN's lines: every version at the first <paramref name="pageSize"/> (address, line id) pairs after
    /// <paramref name="after"/> (a line that moved between addresses counts once at each, its versions at each address on
    /// that pair's page), oldest change first, and the last pair when more follow. A SIREN with thousands of
    /// establishments has thousands of lines.
    /// </summary>
    public async Task<(IReadOnlyList<DirectoryLineVersion> Versions, LineCursor? Next)> PageAsync(string siren, LineCursor? after, int pageSize,
        CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"""
            WITH page AS (
                SELECT address, line_id, row_number() OVER (ORDER BY address, line_id) AS n
                FROM (SELECT DISTINCT address, line_id FROM directory_line
                      WHERE siren = $1 AND (address, line_id) > ($2, $3)
                      ORDER BY address, line_id LIMIT $4 + 1) pairs)
            SELECT {Columns}, change, changed_by, changed_at, superseded_at, p.n, address
            FROM directory_line d JOIN page p USING (address, line_id)
            WHERE d.siren = $1
            ORDER BY changed_at, line_id, version
            """);
        cmd.Parameters.Add(new() { Value = siren });
        cmd.Parameters.Add(new() { Value = after?.Address ?? "" });
        cmd.Parameters.Add(new() { Value = after?.LineId ?? "" });
        cmd.Parameters.Add(new() { Value = pageSize });
        var versions = new List<DirectoryLineVersion>();
        LineCursor? last = null;
        var more = false;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var version = new DirectoryLineVersion(Read(reader), reader.GetString(10), reader.GetString(11),
                reader.GetFieldValue<DateTimeOffset>(12), reader.IsDBNull(13) ? null : reader.GetFieldValue<DateTimeOffset>(13));
            // The pair past the page only tells that more follow: its versions go with the next page.
            var n = reader.GetInt64(14);
            if (n > pageSize)
            {
                more = true;
                continue;
            }
            if (n == pageSize)
                last = new LineCursor(reader.GetString(15), version.Line.LineId);
            versions.Add(version);
        }
        return (versions, more ? last : null);
    }

    internal static DirectoryLine Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetInt32(1), LineGranularityCodes.Parse(r.GetString(2)), r.GetString(3),
        r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6),
        r.GetString(7), r.GetFieldValue<DateTimeOffset>(8), r.IsDBNull(9) ? null : r.GetFieldValue<DateTimeOffset>(9));
}
