using Npgsql;
using Qweeby.Routing.Data.Postgres;
using Qweeby.Routing.Data.Lifecycle;

namespace Qweeby.Routing.Data.Exchange;

/// <summary>
/// Status events and the stream order watchers resume in. Writers insert events without a place;
/// <see cref="SequenceAsync"/> numbers committed ones (<see cref="EventNumbering"/>), one sequencer at a
/// time, so numbers become visible in increasing order: whatever a reader has not seen yet gets a larger
/// number than the last one it saw (see the exchange migration).
/// </summary>
public sealed class TransmissionEventLog(NpgsqlDataSource dataSource)
{
    /// <summary>Rows one numbering takes at most, of each kind: a numberer that took as many should run again.</summary>
    public const int NumberingBatchSize = EventNumbering.BatchSize;

    /// <summary>
    /// Gives the next numbers to up to <paramref name="limit"/> committed events and as many lifecycle
    /// statuses waiting for one (see <see cref="EventNumbering.Number"/>); answers how many. <paramref name="fromLowest"/>
    /// looks for them from the lowest id, not from a window below the last ones numbered: it finds the rows of
    /// transactions that stayed open past that window.
    /// </summary>
    public async Task<int> SequenceAsync(int limit, bool fromLowest, CancellationToken ct)
    {
        // One round trip: a batch without BEGIN runs as one implicit transaction, so the lock is held to its commit.
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(EventNumbering.Lock());
        batch.BatchCommands.Add(EventNumbering.Number(limit, fromLowest));
        await using var r = await batch.ExecuteReaderAsync(ct);
        return await EventNumbering.ReadCountAsync(r, ct);
    }

    /// <summary>The stream's position now: events numbered from here on are new to a watcher starting now.</summary>
    public async Task<long> CurrentPositionAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(EventNumbering.Head);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The sender's numbered events and its invoices' lifecycle statuses after <paramref name="after"/>, in stream order.</summary>
    public async Task<IReadOnlyList<TransmissionEventRecord>> ReadAfterAsync(Guid senderEntityId, long after, int limit, CancellationToken ct)
    {
        var read = new NpgsqlBatchCommand($"""
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
            """)
        {
            Parameters = { new() { Value = senderEntityId }, new() { Value = after }, new() { Value = limit } },
        };
        return await PlannedOnce.ReadAsync(dataSource, read, ReadEvent, ct);
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
            events.Add(ReadEvent(r));
        return events;
    }

    private static TransmissionEventRecord ReadEvent(NpgsqlDataReader r)
    {
        var isStatus = r.FieldCount > 6 && r.IsDBNull(3);
        return new TransmissionEventRecord(r.IsDBNull(0) ? null : r.GetInt64(0), r.GetGuid(1), r.GetString(2),
            isStatus ? null : ExchangeCodes.State(r.GetString(3)), r.GetFieldValue<DateTimeOffset>(4), r.GetString(5),
            isStatus ? LifecycleColumns.Read(r, 6) : null);
    }
}
