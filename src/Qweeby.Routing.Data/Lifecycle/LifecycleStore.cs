using Npgsql;
using Qweeby.Routing.Core.Lifecycle;
using Qweeby.Routing.Data.Admin;
using Qweeby.Routing.Data.Exchange;

namespace Qweeby.Routing.Data.Lifecycle;

/// <summary>
/// Invoices' timelines: finding an invoice by this access point's id or by a partner's link (sender and
/// message id), reading its statuses, proposing one (decided by <see cref="LifecycleMachine"/> under the
/// timeline's lock) and replaying a status whose delivery failed.
/// </summary>
public sealed class LifecycleStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "side, transmission_id, inbox_item_id, sender_entity_id, recipient_entity_id, sender, message_id, recipient_id, other_end, endpoint";

    /// <summary>SQL: the timeline of <c>$1</c>, a transmission id (the supplier's side) or an inbox item id (the buyer's).</summary>
    internal const string TimelineOfId = "coalesce((SELECT source_transmission_id FROM inbox_item WHERE inbox_item_id = $1), $1)";

    /// <summary>The invoice a transmission id (the supplier's side) or an inbox item id (the buyer's) names here.</summary>
    public async Task<TimelineRef?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"""
            SELECT {Columns} FROM (
                SELECT 'supplier' AS side, t.transmission_id, i.inbox_item_id, t.sender_entity_id, i.recipient_entity_id, t.sender, t.message_id,
                    t.recipient_id, CASE WHEN t.channel = 'interoperability' THEN t.provider_id END AS other_end, t.provider_endpoint AS endpoint
                FROM transmission t LEFT JOIN inbox_item i ON i.source_transmission_id = t.transmission_id
                WHERE t.transmission_id = $1
                UNION ALL
                SELECT 'buyer', t.transmission_id, i.inbox_item_id, t.sender_entity_id, i.recipient_entity_id, i.sender, i.message_id,
                    i.recipient_id, CASE WHEN i.source_transmission_id IS NULL THEN i.partner_id END, p.endpoint
                FROM inbox_item i
                LEFT JOIN transmission t ON t.transmission_id = i.source_transmission_id
                LEFT JOIN service_provider p ON p.provider_id = i.partner_id
                WHERE i.inbox_item_id = $1) found
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        var found = await ReadAsync(cmd, ct);
        return found.Count > 0 ? found[0] : null;
    }

    /// <summary>
    /// The invoices exchanged with <paramref name="partnerId"/> under a sender and message id: one it
    /// delivered here (we are the buyer's side), one we sent it (the supplier's side).
    /// </summary>
    public async Task<(TimelineRef? Supplier, TimelineRef? Buyer)> FindForPartnerAsync(string partnerId, string sender, string messageId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"""
            SELECT {Columns} FROM (
                SELECT 'supplier' AS side, t.transmission_id, NULL::uuid AS inbox_item_id, t.sender_entity_id, NULL::uuid AS recipient_entity_id,
                    t.sender, t.message_id, t.recipient_id, t.provider_id AS other_end, t.provider_endpoint AS endpoint
                FROM transmission t
                WHERE t.message_id = $3 AND t.sender = $2 AND t.provider_id = $1 AND t.channel = 'interoperability'
                UNION ALL
                SELECT 'buyer', NULL, i.inbox_item_id, NULL, i.recipient_entity_id, i.sender, i.message_id, i.recipient_id, i.partner_id, p.endpoint
                FROM inbox_item i LEFT JOIN service_provider p ON p.provider_id = i.partner_id
                WHERE i.partner_id = $1 AND i.sender = $2 AND i.message_id = $3) found
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = partnerId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = sender });
        cmd.Parameters.Add(new NpgsqlParameter { Value = messageId });
        var found = await ReadAsync(cmd, ct);
        return (found.FirstOrDefault(f => f.Side == InvoiceSide.Supplier), found.FirstOrDefault(f => f.Side == InvoiceSide.Buyer));
    }

    /// <summary>A timeline's statuses in the order recorded here.</summary>
    public async Task<IReadOnlyList<RecordedStatus>> TimelineAsync(Guid timelineId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {LifecycleColumns.List} FROM lifecycle_status s WHERE s.timeline_id = $1 ORDER BY s.row_id");
        cmd.Parameters.Add(new NpgsqlParameter { Value = timelineId });
        var statuses = new List<RecordedStatus>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            statuses.Add(LifecycleColumns.Read(r, 0));
        return statuses;
    }

    /// <summary>Several timelines' statuses at once (the invoices of a forwarding round), each in the order recorded here.</summary>
    public async Task<Dictionary<Guid, List<StatusFacts>>> TimelinesAsync(Guid[] timelineIds, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT s.timeline_id, {LifecycleColumns.List} FROM lifecycle_status s WHERE s.timeline_id = ANY($1) ORDER BY s.row_id");
        cmd.Parameters.Add(new NpgsqlParameter { Value = timelineIds });
        var timelines = timelineIds.Distinct().ToDictionary(id => id, _ => new List<StatusFacts>());
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            timelines[r.GetGuid(0)].Add(LifecycleColumns.Facts(r, 1));
        return timelines;
    }

    /// <summary>
    /// Records each of <paramref name="writes"/> that the state machine allows, in the order given (one transaction, each
    /// decided against its timeline as the writes before it left it); answers the decisions in that order.
    /// </summary>
    public async Task<IReadOnlyList<LifecycleDecision>> ProposeAsync(IReadOnlyList<StatusWrite> writes, DateTimeOffset now, CancellationToken ct) =>
        (await ProposeAsync(writes, now, number: false, ct)).Decisions;

    /// <summary>
    /// <see cref="ProposeAsync(IReadOnlyList{StatusWrite}, DateTimeOffset, CancellationToken)"/>, and in the same transaction
    /// the numbering of what waits for its place in the streams, these statuses among it (<see cref="EventNumbering"/>,
    /// its lock taken after the timelines', as the outbox's recorder does): they are in the streams when it commits, with no
    /// sequencer transaction of their own. Answers how many it numbered too.
    /// </summary>
    public Task<(IReadOnlyList<LifecycleDecision> Decisions, int Numbered)> ProposeNumberedAsync(IReadOnlyList<StatusWrite> writes, DateTimeOffset now,
        CancellationToken ct) =>
        ProposeAsync(writes, now, number: true, ct);

    private async Task<(IReadOnlyList<LifecycleDecision> Decisions, int Numbered)> ProposeAsync(IReadOnlyList<StatusWrite> writes, DateTimeOffset now,
        bool number, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var decisions = await LifecycleWrites.RecordAsync(conn, tx, writes, now, ct);
        var numbered = 0;
        if (number && decisions.Any(d => d.Verdict == LifecycleVerdict.Record))
        {
            await using var batch = new NpgsqlBatch(conn, tx) { BatchCommands = { EventNumbering.Lock(), EventNumbering.Number(EventNumbering.BatchSize) } };
            await using var r = await batch.ExecuteReaderAsync(ct);
            numbered = await EventNumbering.ReadCountAsync(r, ct);
        }
        await tx.CommitAsync(ct);
        return (decisions, numbered);
    }

    /// <summary>
    /// Queues the statuses of an inbox item that went in a receipt (<see cref="StatusDestination.InReceipt"/>) for delivery by
    /// the outbox after all: the partner's retry of that delivery did not ask for them in its receipt. Answers how many.
    /// </summary>
    public async Task<int> QueueReceiptStatusesAsync(Guid inboxItemId, DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            WITH r AS (
                UPDATE lifecycle_status SET delivery_state = 'pending', delivery_detail = ''
                WHERE inbox_item_id = $1 AND delivery_state = 'delivered' AND delivery_detail = $2
                RETURNING row_id, timeline_id)
            INSERT INTO outbox (kind, status_row_id, timeline_id, due_at, created_at)
            SELECT 'status', row_id, timeline_id, $3, $3 FROM r ORDER BY row_id
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = inboxItemId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = LifecycleWrites.InReceiptDetail });
        cmd.Parameters.Add(new NpgsqlParameter { Value = now });
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Puts a status whose delivery FAILED or was DEAD_LETTERED back in the outbox, attempts and age counted afresh, in an
    /// admin change (<see cref="ReplayStore"/> audits it). Answers whether it did, the delivery state found (null: no such
    /// status travels from here), and the entity of this access point's side of the invoice.
    /// </summary>
    public static async Task<(bool Replayed, StatusDeliveryState? Found, Guid? EntityId)> ReplayDeliveryAsync(AdminTransaction tx, Guid id, Guid statusId,
        string detail, CancellationToken ct)
    {
        // A status that travels has one side here: the other side's entity is null.
        await using var cmd = tx.Command($"""
            WITH target AS (
                SELECT s.row_id, s.delivery_state, coalesce(s.sender_entity_id, s.recipient_entity_id) AS entity_id FROM lifecycle_status s
                WHERE s.status_id = $2 AND s.delivery_state IS NOT NULL AND s.timeline_id = {TimelineOfId}),
            r AS (
                UPDATE lifecycle_status s SET delivery_state = 'pending', delivery_attempts = 0, delivery_detail = $3
                FROM target WHERE s.row_id = target.row_id AND target.delivery_state IN ('failed', 'dead_lettered')
                RETURNING s.row_id, s.timeline_id),
            queued AS (
                INSERT INTO outbox (kind, status_row_id, timeline_id, due_at, created_at)
                SELECT 'status', row_id, timeline_id, $4, $4 FROM r)
            SELECT (SELECT count(*) FROM r), (SELECT delivery_state FROM target), (SELECT entity_id FROM target)
            """, id, statusId, detail, tx.At);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0) == 1, reader.IsDBNull(1) ? null : LifecycleDbCodes.Delivery(reader.GetString(1)), reader.IsDBNull(2) ? null : reader.GetGuid(2));
    }

    private static async Task<List<TimelineRef>> ReadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var found = new List<TimelineRef>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            found.Add(new TimelineRef(
                r.GetString(0) == "supplier" ? InvoiceSide.Supplier : InvoiceSide.Buyer,
                r.IsDBNull(1) ? null : r.GetGuid(1),
                r.IsDBNull(2) ? null : r.GetGuid(2),
                r.IsDBNull(3) ? null : r.GetGuid(3),
                r.IsDBNull(4) ? null : r.GetGuid(4),
                r.GetString(5),
                r.GetString(6),
                r.GetString(7),
                r.IsDBNull(8) ? null : new StatusDestination(r.GetString(8), r.IsDBNull(9) ? "" : r.GetString(9))));
        return found;
    }
}
