using Npgsql;
using Qweeby.Routing.Core.Addressing;
using Qweeby.Routing.Data.Cache;

namespace Qweeby.Routing.Data.Addressing;

/// <summary>
/// Creates, ends and switches directory lines. Nothing is updated in place: the current version is
/// superseded by the next one. Writers that could make lines overlap hold the address's
/// <see cref="LineWriteLock"/> while they check and write, and every change invalidates its address's cached lines.
/// </summary>
public sealed class DirectoryLineWriter(DirectoryWrite writes)
{
    /// <summary>A new line id, for callers that do not bring the central directory's.</summary>
    public static string NewLineId() => $"QL-{Guid.NewGuid():N}";

    public Task<DirectoryLine> CreateAsync(MirrorRow request, string by, CancellationToken ct) =>
        writes.RunAsync(async (tx, c) =>
        {
            var line = request.ToLine(1);
            await LineWriteLock.ForAddressAsync(tx, line.Address, c);
            await RefuseOverlapAsync(tx, line, c);
            await InsertAsync(tx, line, "created", by, c);
            tx.Changes(CacheKeys.Lines(line.Address));
            return line;
        }, ct);

    /// <summary>
    /// Ends a line at <paramref name="at"/>: a new version with that end date. A line that has not started, ended at its
    /// own start, is withdrawn: it never routes, and no current version of it remains (the versions stay as history).
    /// </summary>
    public Task<DirectoryLine> EndAsync(string lineId, DateTimeOffset at, string by, DateTimeOffset now, CancellationToken ct) =>
        writes.RunAsync(async (tx, c) =>
        {
            at = Stored(at);
            var current = await CurrentAsync(tx, lineId, c) ?? throw new LineNotFoundException($"No current line {lineId}.");
            if (at == current.ValidFrom && current.ValidFrom > now)
            {
                var withdrawn = current with { Version = current.Version + 1 };
                await SupersedeAsync(tx, current, c);
                await InsertAsync(tx, withdrawn, "withdrawn", by, c);
                await SupersedeAsync(tx, withdrawn, c);
                tx.Changes(CacheKeys.Lines(current.Address));
                return withdrawn;
            }
            if (at <= current.ValidFrom || current.ValidTo is { } to && at >= to)
                throw new LineChangeRefusedException("at", current.ValidFrom > now
                    ? $"{current.Describe()} can only end after its start and before its end, or at its start to withdraw it (it has not started)."
                    : $"{current.Describe()} can only end after its start and before its end.");
            var ended = current with { Version = current.Version + 1, ValidTo = at };
            await SupersedeAsync(tx, current, c);
            await InsertAsync(tx, ended, "ended", by, c);
            tx.Changes(CacheKeys.Lines(current.Address));
            return ended;
        }, ct);

    /// <summary>
    /// Moves an address to another platform from <paramref name="at"/>: the line valid then ends at that
    /// moment and a new line starts there, keeping the old end, so there is neither gap nor overlap.
    /// </summary>
    public Task<(DirectoryLine Ended, DirectoryLine Started)> SwitchProviderAsync(
        string address, string providerId, DateTimeOffset at, string by, CancellationToken ct) =>
        writes.RunAsync(async (tx, c) =>
        {
            at = Stored(at);
            await LineWriteLock.ForAddressAsync(tx, address.ToUpperInvariant(), c);
            var current = await ValidAtAsync(tx, address, at, c)
                ?? throw new LineNotFoundException($"No line of 0225:{address} is valid on {at:yyyy-MM-dd}: create one instead of switching.");
            if (current.ProviderId == providerId)
                throw new LineChangeRefusedException("platform_id", $"{current.Describe()} already goes to {providerId}.");
            await SupersedeAsync(tx, current, c);
            // Switched on its first day, the old line never served: its superseded version is its history.
            var ended = current;
            if (at > current.ValidFrom)
            {
                ended = current with { Version = current.Version + 1, ValidTo = at };
                await InsertAsync(tx, ended, "switched", by, c);
            }
            var started = current with { LineId = NewLineId(), Version = 1, ProviderId = providerId, ValidFrom = at };
            await InsertAsync(tx, started, "switched", by, c);
            tx.Changes(CacheKeys.Lines(current.Address));
            return (ended, started);
        }, ct);

    /// <summary>
    /// A moment as Postgres stores it (microseconds): compared with a stored start, a request's 100 ns ticks made an end
    /// "after" a start it equals once stored, and the version broke the end-after-start check (an UNKNOWN error).
    /// </summary>
    private static DateTimeOffset Stored(DateTimeOffset at) => new(at.Ticks - at.Ticks % 10, at.Offset);

    private static async Task RefuseOverlapAsync(DirectoryTransaction tx, DirectoryLine line, CancellationToken ct)
    {
        await using var cmd = tx.CreateCommand($"""
            SELECT {DirectoryLineReader.Columns} FROM directory_line
            WHERE siren = $5 AND address = $1 AND superseded_at IS NULL AND line_id <> $2
              AND tstzrange(valid_from, valid_to) && tstzrange($3, $4)
            ORDER BY valid_from LIMIT 1
            """);
        cmd.Parameters.Add(new() { Value = line.Address });
        cmd.Parameters.Add(new() { Value = line.LineId });
        cmd.Parameters.Add(new() { Value = line.ValidFrom });
        cmd.Parameters.Add(new() { Value = (object?)line.ValidTo ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new() { Value = line.Siren });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (await reader.ReadAsync(ct))
            throw new LineConflictException(DirectoryLineReader.Read(reader));
    }

    private static async Task<DirectoryLine?> CurrentAsync(DirectoryTransaction tx, string lineId, CancellationToken ct)
    {
        await using var cmd = tx.CreateCommand(
            $"SELECT {DirectoryLineReader.Columns} FROM directory_line WHERE line_id = $1 AND superseded_at IS NULL FOR UPDATE");
        cmd.Parameters.Add(new() { Value = lineId });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? DirectoryLineReader.Read(reader) : null;
    }

    private static async Task<DirectoryLine?> ValidAtAsync(DirectoryTransaction tx, string address, DateTimeOffset at, CancellationToken ct)
    {
        // An address starts with its SIREN: naming it reaches the (siren, address) index.
        await using var cmd = tx.CreateCommand($"""
            SELECT {DirectoryLineReader.Columns} FROM directory_line
            WHERE siren = left($1, 9) AND address = $1 AND superseded_at IS NULL AND tstzrange(valid_from, valid_to) @> $2
            FOR UPDATE
            """);
        cmd.Parameters.Add(new() { Value = address.ToUpperInvariant() });
        cmd.Parameters.Add(new() { Value = at });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? DirectoryLineReader.Read(reader) : null;
    }

    private static async Task SupersedeAsync(DirectoryTransaction tx, DirectoryLine line, CancellationToken ct)
    {
        await using var cmd = tx.CreateCommand("UPDATE directory_line SET superseded_at = now() WHERE line_id = $1 AND version = $2");
        cmd.Parameters.Add(new() { Value = line.LineId });
        cmd.Parameters.Add(new() { Value = line.Version });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    internal static async Task InsertAsync(DirectoryTransaction tx, DirectoryLine line, string change, string by, CancellationToken ct)
    {
        await using var cmd = tx.CreateCommand("""
            INSERT INTO directory_line (line_id, version, granularity, siren, siret, routing_code, suffix, address,
                                        provider_id, valid_from, valid_to, change, changed_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
            """);
        object Nullable(string? v) => (object?)v ?? DBNull.Value;
        cmd.Parameters.Add(new() { Value = line.LineId });
        cmd.Parameters.Add(new() { Value = line.Version });
        cmd.Parameters.Add(new() { Value = LineGranularityCodes.Code(line.Granularity) });
        cmd.Parameters.Add(new() { Value = line.Siren });
        cmd.Parameters.Add(new() { Value = Nullable(line.Siret), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = Nullable(line.RoutingCode), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = Nullable(line.Suffix), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = line.Address });
        cmd.Parameters.Add(new() { Value = line.ProviderId });
        cmd.Parameters.Add(new() { Value = line.ValidFrom });
        cmd.Parameters.Add(new() { Value = (object?)line.ValidTo ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new() { Value = change });
        cmd.Parameters.Add(new() { Value = by });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
