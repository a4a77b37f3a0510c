using Npgsql;
using Qweeby.Routing.Core.Addressing;

namespace Qweeby.Routing.Data.Addressing;

/// <summary>Reads directory lines: the current versions routing uses, and the full history.</summary>
public sealed class DirectoryLineReader(NpgsqlDataSource dataSource)
{
    internal const string Columns = "line_id, version, granularity, siren, siret, routing_code, suffix, provider_id, valid_from, valid_to";

    public async Task<IReadOnlyList<DirectoryLine>> CurrentAsync(string siren, CancellationToken ct)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(CurrentCommand(siren));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        return await ReadCurrentAsync(reader, ct);
    }

    /// <summary>The current versions of a SIREN's lines, as one statement of a batch (read by <see cref="ReadCurrentAsync"/>).</summary>
    internal static NpgsqlBatchCommand CurrentCommand(string siren) =>
        new($"SELECT {Columns} FROM directory_line WHERE siren = $1 AND superseded_at IS NULL ORDER BY valid_from, line_id")
        {
            Parameters = { new() { Value = siren } },
        };

    internal static async Task<IReadOnlyList<DirectoryLine>> ReadCurrentAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        var lines = new List<DirectoryLine>();
        while (await reader.ReadAsync(ct))
            lines.Add(Read(reader));
        return lines;
    }

    /// <summary>Every version of every line of a SIREN, oldest change first.</summary>
    public async Task<IReadOnlyList<DirectoryLineVersion>> HistoryAsync(string siren, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            $"SELECT {Columns}, change, changed_by, changed_at, superseded_at FROM directory_line WHERE siren = $1 ORDER BY changed_at, line_id, version");
        cmd.Parameters.Add(new() { Value = siren });
        var versions = new List<DirectoryLineVersion>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            versions.Add(new DirectoryLineVersion(Read(reader), reader.GetString(10), reader.GetString(11),
                reader.GetFieldValue<DateTimeOffset>(12), reader.IsDBNull(13) ? null : reader.GetFieldValue<DateTimeOffset>(13)));
        return versions;
    }

    internal static DirectoryLine Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetInt32(1), LineGranularityCodes.Parse(r.GetString(2)), r.GetString(3),
        r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6),
        r.GetString(7), r.GetFieldValue<DateTimeOffset>(8), r.IsDBNull(9) ? null : r.GetFieldValue<DateTimeOffset>(9));
}
