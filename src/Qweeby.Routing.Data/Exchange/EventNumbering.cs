using Npgsql;

namespace Qweeby.Routing.Data.Exchange;

/// <summary>
/// Numbering status events and lifecycle statuses for the streams. Whoever numbers takes <see cref="Lock"/>
/// first and keeps it to its commit, so numbers become visible in increasing order; the last number given
/// is kept in <c>stream_head</c>, moved by the same statement. <see cref="Number"/>
/// is a statement after the lock's, so its snapshot (read committed) sees what the previous holder
/// committed before releasing it; it numbers committed rows and the transaction's own. A status attached to its
/// recipient after it was numbered (a hosted invoice's local delivery) gets a number for the recipient's stream then
/// (<c>recipient_seq</c>): the recipient may have read past its first. The event
/// sequencer numbers in transactions of its own; the outbox's outcome recorder and ReceiveStatus's group
/// commit number in theirs too (after their timelines' locks), so a DELIVERED or a partner's status is in the
/// streams when it commits.
/// </summary>
internal static class EventNumbering
{
    /// <summary>Rows one numbering takes at most, of each kind.</summary>
    public const int BatchSize = 5_000;

    // Arbitrary constant shared by every numberer of this database.
    private const long LockKey = 0x5157_4545_4259_0005;

    public static NpgsqlBatchCommand Lock() => new($"SELECT pg_advisory_xact_lock({LockKey})");

    /// <summary>
    /// How far below the highest id it numbered a numbering looks next time: rows of transactions that were
    /// still open then (their ids were taken earlier) are found if they commit within this many later ids.
    /// </summary>
    public const long Window = 20_000;

    /// <summary>
    /// The next numbers for up to <paramref name="limit"/> events and as many statuses without one (events
    /// first, each oldest first: one numbering for both, so the senders' and recipients' streams share it),
    /// looking from <see cref="Window"/> below the highest ids numbered before, or from the lowest with
    /// <paramref name="fromLowest"/>; and statuses attached to their recipient since they were numbered (queued in
    /// <c>status_attached</c> by the local delivery, whatever their id: an invoice may wait in the outbox long before
    /// it), which get a number for the recipient's stream only. Answers one row: how many.
    /// </summary>
    public static NpgsqlBatchCommand Number(int limit, bool fromLowest = false) => new("""
        WITH head AS (
            SELECT seq, CASE WHEN $2 THEN 0 ELSE events_from END AS events_from, CASE WHEN $2 THEN 0 ELSE statuses_from END AS statuses_from
            FROM stream_head),
        events AS (
            SELECT event_id, row_number() OVER (ORDER BY event_id) AS n
            FROM transmission_event WHERE seq IS NULL AND event_id >= (SELECT events_from FROM head) ORDER BY event_id LIMIT $1),
        statuses AS (
            SELECT row_id, (SELECT count(*) FROM events) + row_number() OVER (ORDER BY row_id) AS n
            FROM ((SELECT row_id FROM lifecycle_status WHERE seq IS NULL AND row_id >= (SELECT statuses_from FROM head) ORDER BY row_id LIMIT $1)
                  UNION ALL
                  (SELECT row_id FROM status_attached ORDER BY row_id LIMIT $1)) pending
            ORDER BY row_id LIMIT $1),
        dequeued AS (
            DELETE FROM status_attached a USING statuses WHERE a.row_id = statuses.row_id),
        taken AS (
            SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM statuses) AS n),
        numbered_events AS (
            UPDATE transmission_event e SET seq = head.seq + events.n
            FROM events, head WHERE e.event_id = events.event_id),
        numbered_statuses AS (
            UPDATE lifecycle_status s SET seq = coalesce(s.seq, head.seq + statuses.n),
                recipient_seq = CASE WHEN s.recipient_entity_id IS NOT NULL THEN head.seq + statuses.n END
            FROM statuses, head WHERE s.row_id = statuses.row_id),
        moved AS (
            UPDATE stream_head SET seq = stream_head.seq + taken.n,
                events_from = greatest(stream_head.events_from, (SELECT max(event_id) FROM events) - $3),
                statuses_from = greatest(stream_head.statuses_from, (SELECT max(row_id) FROM statuses) - $3)
            FROM taken WHERE taken.n > 0)
        SELECT n FROM taken
        """) { Parameters = { new() { Value = limit }, new() { Value = fromLowest }, new() { Value = Window } } };

    /// <summary>The streams' last number: events numbered after now get larger ones.</summary>
    public const string Head = "SELECT seq FROM stream_head";

    /// <summary>Reads a batch's results to the end and answers the count <see cref="Number"/> gave (its only bigint column).</summary>
    public static async Task<int> ReadCountAsync(NpgsqlDataReader r, CancellationToken ct) => (await ReadCountAndFlagAsync(r, ct)).Numbered;

    /// <summary><see cref="ReadCountAsync"/>, and the answer of the batch's one single-boolean result (false without one).</summary>
    public static async Task<(int Numbered, bool Flag)> ReadCountAndFlagAsync(NpgsqlDataReader r, CancellationToken ct)
    {
        var (numbered, flag) = (0, false);
        do
        {
            if (r.FieldCount != 1 || !await r.ReadAsync(ct))
                continue;
            if (r.GetFieldType(0) == typeof(long))
                numbered = (int)r.GetInt64(0);
            else if (r.GetFieldType(0) == typeof(bool))
                flag = r.GetBoolean(0);
        }
        while (await r.NextResultAsync(ct));
        return (numbered, flag);
    }
}
