using Npgsql;
using NpgsqlTypes;

namespace Qweeby.Routing.Data.Exchange;

/// <summary>
/// Reads status events. A sender's stream is read in (tx, event_id) order and only up to the oldest
/// transaction still running, so every event committed later sorts after what was read: resuming after
/// a position neither skips nor repeats (see the exchange migration).
/// </summary>
public sealed class TransmissionEventLog(NpgsqlDataSource dataSource)
{
    /// <summary>The position "now": events after it are those of transactions not finished yet, or not begun.</summary>
    public async Task<EventPosition> CurrentPositionAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT pg_snapshot_xmin(pg_current_snapshot())");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new EventPosition(reader.GetFieldValue<ulong>(0), 0);
    }

    /// <summary>The sender's settled events after <paramref name="after"/>, in stream order.</summary>
    public async Task<IReadOnlyList<TransmissionEventRecord>> ReadAfterAsync(Guid senderEntityId, EventPosition after, int limit, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT e.tx, e.event_id, e.transmission_id, t.message_id, e.status, e.at, e.detail
            FROM transmission_event e JOIN transmission t USING (transmission_id)
            WHERE e.sender_entity_id = $1
              AND (e.tx, e.event_id) > ($2, $3)
              AND e.tx < (SELECT pg_snapshot_xmin(pg_current_snapshot()))
            ORDER BY e.tx, e.event_id
            LIMIT $4
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = senderEntityId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = after.Tx, NpgsqlDbType = NpgsqlDbType.Xid8 });
        cmd.Parameters.Add(new NpgsqlParameter { Value = after.EventId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = limit });
        return await ReadAsync(cmd, ct);
    }

    /// <summary>Every event of one transmission, settled or not, in stream order.</summary>
    public async Task<IReadOnlyList<TransmissionEventRecord>> OfTransmissionAsync(Guid transmissionId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT e.tx, e.event_id, e.transmission_id, t.message_id, e.status, e.at, e.detail
            FROM transmission_event e JOIN transmission t USING (transmission_id)
            WHERE e.transmission_id = $1
            ORDER BY e.tx, e.event_id
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = transmissionId });
        return await ReadAsync(cmd, ct);
    }

    private static async Task<IReadOnlyList<TransmissionEventRecord>> ReadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var events = new List<TransmissionEventRecord>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            events.Add(new TransmissionEventRecord(new EventPosition(r.GetFieldValue<ulong>(0), r.GetInt64(1)), r.GetGuid(2), r.GetString(3),
                ExchangeCodes.State(r.GetString(4)), r.GetFieldValue<DateTimeOffset>(5), r.GetString(6)));
        return events;
    }
}
