using Npgsql;
using Qweeby.Routing.Data.Postgres;

namespace Qweeby.Routing.Data.Lifecycle;

/// <summary>
/// A hosted recipient's stream: the lifecycle statuses of its invoices, in the order the event sequencer
/// numbered them for it (the numbering of the senders' streams, see <see cref="Exchange.TransmissionEventLog"/>;
/// a status attached to its recipient after it was numbered gets a later number here, <c>recipient_seq</c>).
/// </summary>
public sealed class InboxEventLog(NpgsqlDataSource dataSource)
{
    /// <summary>The recipient's numbered statuses after <paramref name="after"/>, in stream order.</summary>
    public async Task<IReadOnlyList<InboxEventRecord>> ReadAfterAsync(Guid recipientEntityId, long after, int limit, CancellationToken ct)
    {
        var read = new NpgsqlBatchCommand($"""
            SELECT s.recipient_seq, i.inbox_item_id, i.message_id, i.sender, {LifecycleColumns.List}
            FROM lifecycle_status s JOIN inbox_item i ON i.inbox_item_id = s.inbox_item_id
            WHERE s.recipient_entity_id = $1 AND s.recipient_seq > $2
            ORDER BY s.recipient_seq
            LIMIT $3
            """)
        {
            Parameters = { new() { Value = recipientEntityId }, new() { Value = after }, new() { Value = limit } },
        };
        return await PlannedOnce.ReadAsync(dataSource, read,
            r => new InboxEventRecord(r.GetInt64(0), r.GetGuid(1), r.GetString(2), r.GetString(3), LifecycleColumns.Read(r, 4)), ct);
    }
}
