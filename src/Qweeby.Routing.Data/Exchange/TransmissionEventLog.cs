using Npgsql;
using Qweeby.Routing.Data.Lifecycle;

namespace Qweeby.Routing.Data.Exchange;

/// <summary>
/// Status events and the stream order watchers resume in. Writers insert events without a place;
/// <see cref="SequenceAsync"/> numbers committed ones, one sequencer at a time, in short transactions of
/// its own, so numbers become visible in increasing order: whatever a reader has not seen yet gets a
/// larger number than the last one it saw (see the exchange migration).
/// </summary>
public sealed class TransmissionEventLog(NpgsqlDataSource dataSource)
{
    // Arbitrary constant shared by every sequencer of this database.
    private const long SequencerLockKey = 0x5157_4545_4259_0005;

    /// <summary>
    /// Gives the next numbers to up to <paramref name="limit"/> committed events and as many lifecycle
    /// statuses without one (events first, each oldest first: one numbering for both, so the senders'
    /// and recipients' streams share it); answers how many.
    /// </summary>
    public async Task<int> SequenceAsync(int limit, CancellationToken ct)
    {
        // One round trip: a batch without BEGIN runs as one implicit transaction, so the lock is held to its
        // commit. The numbering is a statement after the lock's, so its snapshot (read committed) sees what the
        // previous sequencer committed before releasing the lock.
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT pg_advisory_xact_lock({SequencerLockKey})"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            WITH top AS (
                SELECT greatest((SELECT coalesce(max(seq), 0) FROM transmission_event), (SELECT coalesce(max(seq), 0) FROM lifecycle_status)) AS seq),
            events AS (
                SELECT event_id, row_number() OVER (ORDER BY event_id) AS n
                FROM transmission_event WHERE seq IS NULL ORDER BY event_id LIMIT $1),
            statuses AS (
                SELECT row_id, (SELECT count(*) FROM events) + row_number() OVER (ORDER BY row_id) AS n
                FROM lifecycle_status WHERE seq IS NULL ORDER BY row_id LIMIT $1),
            numbered_events AS (
                UPDATE transmission_event e SET seq = top.seq + events.n
                FROM events, top WHERE e.event_id = events.event_id
                RETURNING 1),
            numbered_statuses AS (
                UPDATE lifecycle_status s SET seq = top.seq + statuses.n
                FROM statuses, top WHERE s.row_id = statuses.row_id
                RETURNING 1)
            SELECT (SELECT count(*) FROM numbered_events) + (SELECT count(*) FROM numbered_statuses)
            """) { Parameters = { new() { Value = limit } } });
        await using var r = await batch.ExecuteReaderAsync(ct);
        await r.NextResultAsync(ct);
        await r.ReadAsync(ct);
        return (int)r.GetInt64(0);
    }

    /// <summary>The stream's position now: events numbered from here on are new to a watcher starting now.</summary>
    public async Task<long> CurrentPositionAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            "SELECT greatest((SELECT coalesce(max(seq), 0) FROM transmission_event), (SELECT coalesce(max(seq), 0) FROM lifecycle_status))");
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The sender's numbered events and its invoices' lifecycle statuses after <paramref name="after"/>, in stream order.</summary>
    public async Task<IReadOnlyList<TransmissionEventRecord>> ReadAfterAsync(Guid senderEntityId, long after, int limit, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"""
            SELECT * FROM (
                (SELECT e.seq, e.transmission_id, t.message_id, e.status, e.at, e.detail, {LifecycleColumns.Nulls}
                 FROM transmission_event e JOIN transmission t USING (transmission_id)
                 WHERE e.sender_entity_id = $1 AND e.seq > $2
                 ORDER BY e.seq LIMIT $3)
                UNION ALL
                (SELECT s.seq, s.transmission_id, t.message_id, NULL, s.at, s.reason, {LifecycleColumns.List}
                 FROM lifecycle_status s JOIN transmission t ON t.transmission_id = s.transmission_id
                 WHERE s.sender_entity_id = $1 AND s.seq > $2
                 ORDER BY s.seq LIMIT $3)) stream
            ORDER BY seq
            LIMIT $3
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = senderEntityId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = after });
        cmd.Parameters.Add(new NpgsqlParameter { Value = limit });
        return await ReadAsync(cmd, ct);
    }

    /// <summary>Every event of one transmission, numbered or not, oldest first.</summary>
    public async Task<IReadOnlyList<TransmissionEventRecord>> OfTransmissionAsync(Guid transmissionId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT e.seq, e.transmission_id, t.message_id, e.status, e.at, e.detail
            FROM transmission_event e JOIN transmission t USING (transmission_id)
            WHERE e.transmission_id = $1
            ORDER BY e.event_id
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = transmissionId });
        return await ReadAsync(cmd, ct);
    }

    private static async Task<IReadOnlyList<TransmissionEventRecord>> ReadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var events = new List<TransmissionEventRecord>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var isStatus = r.FieldCount > 6 && r.IsDBNull(3);
            events.Add(new TransmissionEventRecord(r.IsDBNull(0) ? null : r.GetInt64(0), r.GetGuid(1), r.GetString(2),
                isStatus ? null : ExchangeCodes.State(r.GetString(3)), r.GetFieldValue<DateTimeOffset>(4), r.GetString(5),
                isStatus ? LifecycleColumns.Read(r, 6) : null));
        }
        return events;
    }
}
