using Npgsql;
using Qweeby.Routing.Data.Directory;
using Qweeby.Routing.Data.Lifecycle;
using Qweeby.Routing.Data.Postgres;

namespace Qweeby.Routing.Data.Exchange;

/// <summary>
/// The two loaders of a claim, run as one batch: due invoices, then due statuses. Both push their rows
/// out by the lease and stamp the claim token. A status is only due once every older outbox row of its
/// invoice (the invoice itself, earlier statuses) has left the outbox: the other end receives an
/// invoice's statuses in order, and never before the invoice. Invoices wait for nothing.
/// </summary>
internal static class OutboxClaims
{
    /// <summary>
    /// Due invoices, oldest due first, while their documents add up to at most <paramref name="maxBytes"/> (the first always
    /// comes): rows locked past the budget stay due. A document's size is read off its stored header, not the document.
    /// Each row also tells how many rows were locked (<see cref="LockedOf"/>): more than were claimed means the budget cut.
    /// </summary>
    public static NpgsqlBatchCommand Invoices(DateTimeOffset now, int limit, long maxBytes, TimeSpan lease, Guid token) => BatchCommands.Of("""
        WITH locked AS (
            SELECT o.outbox_id, o.due_at, octet_length(t.document) AS bytes
            FROM outbox o JOIN transmission t ON t.transmission_id = o.transmission_id
            WHERE o.kind = 'invoice' AND o.due_at <= $1 ORDER BY o.due_at, o.outbox_id LIMIT $2 FOR UPDATE OF o SKIP LOCKED),
        due AS (
            SELECT outbox_id FROM (
                SELECT outbox_id, row_number() OVER w AS n, sum(bytes) OVER w AS running FROM locked
                WINDOW w AS (ORDER BY due_at, outbox_id)) budget
            WHERE n = 1 OR running <= $5),
        claimed AS (
            UPDATE outbox o SET due_at = $1 + $3, attempts = o.attempts + 1, claim_token = $4
            FROM due WHERE o.outbox_id = due.outbox_id
            RETURNING o.outbox_id, o.transmission_id, o.attempts, o.created_at),
        started AS (
            UPDATE transmission t SET status = 'forwarding', status_detail = 'forwarding to ' || t.provider_id, updated_at = $1
            FROM claimed c WHERE t.transmission_id = c.transmission_id AND t.status = 'accepted'
            RETURNING t.transmission_id, t.sender_entity_id, t.status_detail),
        event AS (
            INSERT INTO transmission_event (transmission_id, sender_entity_id, status, detail, at)
            SELECT transmission_id, sender_entity_id, 'forwarding', status_detail, $1 FROM started)
        SELECT c.outbox_id, c.attempts, c.created_at, t.transmission_id,
               t.sender, t.recipient_id, t.document_type, t.process, t.message_id, t.invoice_number, t.issue_date, t.content_sha256,
               t.document, t.provider_id, t.provider_endpoint, t.channel, t.trace_parent,
               EXISTS (SELECT 1 FROM started s WHERE s.transmission_id = c.transmission_id),
               (SELECT count(*) FROM locked) AS locked
        FROM claimed c JOIN transmission t ON t.transmission_id = c.transmission_id
        """, now, limit, lease, token, maxBytes);

    public static NpgsqlBatchCommand Statuses(DateTimeOffset now, int limit, TimeSpan lease, Guid token) => BatchCommands.Of($"""
        WITH due AS (
            SELECT outbox_id FROM outbox o
            WHERE kind = 'status' AND due_at <= $1
              AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.timeline_id = o.timeline_id AND p.outbox_id < o.outbox_id)
            ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED),
        claimed AS (
            UPDATE outbox o SET due_at = $1 + $3, attempts = o.attempts + 1, claim_token = $4
            FROM due WHERE o.outbox_id = due.outbox_id
            RETURNING o.outbox_id, o.status_row_id, o.attempts, o.created_at)
        SELECT c.outbox_id, c.attempts, c.created_at, coalesce(t.sender, i.sender), coalesce(t.message_id, i.message_id),
               coalesce(t.recipient_id, i.recipient_id), s.delivery_to, s.delivery_endpoint, {LifecycleColumns.List}
        FROM claimed c JOIN lifecycle_status s ON s.row_id = c.status_row_id
        LEFT JOIN transmission t ON t.transmission_id = s.transmission_id
        LEFT JOIN inbox_item i ON i.inbox_item_id = s.inbox_item_id
        """, now, limit, lease, token);

    public static ClaimedInvoice ReadInvoice(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetInt32(1), r.GetFieldValue<DateTimeOffset>(2), r.GetGuid(3),
        new InvoiceEnvelope(r.GetString(4), r.GetString(5), r.GetString(6), r.GetString(7), r.GetString(8), r.GetString(9),
            r.GetFieldValue<DateOnly>(10), r.GetString(11)),
        r.GetFieldValue<byte[]>(12), r.GetString(13), r.GetString(14), DirectoryCodes.Channel(r.GetString(15)),
        r.IsDBNull(16) ? null : r.GetString(16),
        r.GetBoolean(17));

    /// <summary>How many due invoices the claim locked, the budget's cut included (on every invoice row it answers).</summary>
    public static long LockedOf(NpgsqlDataReader r) => r.GetInt64(18);

    public static ClaimedStatus ReadStatus(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetInt32(1), r.GetFieldValue<DateTimeOffset>(2), r.GetString(3), r.GetString(4), r.GetString(5),
        LifecycleColumns.Facts(r, 8), r.GetString(6), r.GetString(7));
}
