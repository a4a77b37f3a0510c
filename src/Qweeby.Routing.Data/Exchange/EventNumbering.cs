using Npgsql;

namespace Qweeby.Routing.Data.Exchange;

/// <summary>
/// Numbering status events and lifecycle statuses for the streams. Whoever numbers takes <see cref="Lock"/>
/// first and keeps it to its commit, so numbers become visible in increasing order. <see cref="Number"/>
/// is a statement after the lock's, so its snapshot (read committed) sees what the previous holder
/// committed before releasing it; it numbers committed rows and the transaction's own. The event
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
    /// The next numbers for up to <paramref name="limit"/> events and as many statuses without one (events
    /// first, each oldest first: one numbering for both, so the senders' and recipients' streams share it).
    /// Answers one row: how many.
    /// </summary>
    public static NpgsqlBatchCommand Number(int limit) => new("""
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
        """) { Parameters = { new() { Value = limit } } };

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
