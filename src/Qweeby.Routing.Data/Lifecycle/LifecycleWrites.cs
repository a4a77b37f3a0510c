using Npgsql;
using NpgsqlTypes;
using Qweeby.Routing.Core.Lifecycle;

namespace Qweeby.Routing.Data.Lifecycle;

/// <summary>
/// Records proposed statuses inside the caller's transaction, each as <see cref="LifecycleMachine"/>
/// decides: the timelines concerned are locked (one advisory lock each, taken in a fixed order, so two
/// writers of one invoice take turns and neither sees a timeline the other is changing), read, decided
/// in memory in the order given, and the accepted statuses inserted in one statement together with the
/// outbox rows of those that travel (a status that travels in a receipt is delivered with it and needs none).
/// </summary>
internal static class LifecycleWrites
{
    // The two-key advisory lock space of timelines ("QLC"); single-key locks (the event sequencer's) are another space.
    private const int LockSpace = 0x514C43;

    public static async Task<IReadOnlyList<LifecycleDecision>> RecordAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<StatusWrite> writes,
        DateTimeOffset now, CancellationToken ct)
    {
        if (writes.Count == 0)
            return [];
        var timelines = await LockAndLoadAsync(conn, tx, [.. writes.Select(w => w.TimelineId).Distinct()], ct);
        var (decisions, accepted) = Decide(timelines, writes);
        if (accepted.Count > 0)
        {
            await using var cmd = new NpgsqlCommand(InsertSql, conn, tx);
            cmd.Parameters.AddRange(InsertParameters(accepted, now));
            await cmd.ExecuteNonQueryAsync(ct);
        }
        return decisions;
    }

    /// <summary>
    /// The insert of the statuses that open timelines nobody else can know of yet (rows created in the
    /// caller's transaction, under fresh ids): decided against empty timelines, without locks or reads.
    /// Null when none is accepted.
    /// </summary>
    public static NpgsqlBatchCommand? OpenTimelines(IReadOnlyList<StatusWrite> writes, DateTimeOffset now)
    {
        var (_, accepted) = Decide(writes.Select(w => w.TimelineId).Distinct().ToDictionary(id => id, _ => new List<TimelineEntry>()), writes);
        if (accepted.Count == 0)
            return null;
        var command = new NpgsqlBatchCommand(InsertSql);
        command.Parameters.AddRange(InsertParameters(accepted, now));
        return command;
    }

    /// <summary>Each write in the order given, against its timeline as the writes before it left it.</summary>
    private static (List<LifecycleDecision> Decisions, List<StatusWrite> Accepted) Decide(Dictionary<Guid, List<TimelineEntry>> timelines,
        IReadOnlyList<StatusWrite> writes)
    {
        var decisions = new List<LifecycleDecision>(writes.Count);
        var accepted = new List<StatusWrite>();
        foreach (var write in writes)
        {
            var timeline = timelines[write.TimelineId];
            var decision = LifecycleMachine.Decide(timeline, new ProposedStatus(write.Facts.StatusId, write.Facts.Code, write.Setter, write.IdChosen || write.FromPartner),
                write.FromPartner ? LifecycleMachine.MaxReceivedStatuses : LifecycleMachine.MaxStatuses);
            decisions.Add(decision);
            if (decision.Verdict != LifecycleVerdict.Record)
                continue;
            timeline.Add(new TimelineEntry(write.Facts.StatusId, write.Facts.Code));
            accepted.Add(write);
        }
        return (decisions, accepted);
    }

    /// <summary>A lock key per timeline: its id folded to 32 bits. Two timelines sharing one only wait for each other.</summary>
    public static int LockKey(Guid timelineId)
    {
        Span<byte> bytes = stackalloc byte[16];
        timelineId.TryWriteBytes(bytes);
        return BitConverter.ToInt32(bytes[..4]) ^ BitConverter.ToInt32(bytes[4..8]) ^ BitConverter.ToInt32(bytes[8..12]) ^ BitConverter.ToInt32(bytes[12..]);
    }

    /// <summary>
    /// Takes the timelines' locks now, for a transaction that changes their rows before it records statuses on them (a
    /// local delivery attaches them to the recipient); <see cref="RecordAsync"/> on a subset of them then waits for nothing.
    /// </summary>
    public static async Task LockAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid[] timelineIds, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(conn, tx) { BatchCommands = { Lock(timelineIds) } };
        await batch.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlBatchCommand Lock(Guid[] timelineIds)
    {
        // Ascending keys: two transactions locking overlapping sets never wait for each other in a circle.
        var keys = timelineIds.Select(LockKey).Distinct().Order().ToArray();
        return new NpgsqlBatchCommand("""
            SELECT count(*) FROM (
                SELECT pg_advisory_xact_lock($1, k) FROM unnest($2::int[]) WITH ORDINALITY AS u(k, n) ORDER BY n) locked
            """) { Parameters = { new() { Value = LockSpace }, new() { Value = keys } } };
    }

    private static async Task<Dictionary<Guid, List<TimelineEntry>>> LockAndLoadAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid[] timelineIds,
        CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(conn, tx)
        {
            BatchCommands =
            {
                Lock(timelineIds),
                new NpgsqlBatchCommand("SELECT timeline_id, status_id, code FROM lifecycle_status WHERE timeline_id = ANY($1) ORDER BY row_id")
                    { Parameters = { new() { Value = timelineIds } } },
            },
        };
        var timelines = timelineIds.ToDictionary(id => id, _ => new List<TimelineEntry>());
        await using var r = await batch.ExecuteReaderAsync(ct);
        await r.NextResultAsync(ct);
        while (await r.ReadAsync(ct))
            timelines[r.GetGuid(0)].Add(new TimelineEntry(r.GetGuid(1), (LifecycleCode)r.GetInt16(2)));
        return timelines;
    }

    /// <summary>The delivery detail of a status that travels in the receipt of its invoice.</summary>
    public const string InReceiptDetail = "sent in the receipt of the invoice";

    // Stream owners come from the rows the timeline lives on; rows are numbered in the order given. A transmission's
    // status finds the inbox item a local delivery made of it here and now, under the timeline's lock: the caller may
    // have looked before the delivery committed, and the delivery attaches only the rows it could see.
    private const string InsertSql = """
        WITH ins AS (
            INSERT INTO lifecycle_status (transmission_id, inbox_item_id, sender_entity_id, recipient_entity_id, status_id, code, at, set_by,
                set_by_caller, platform_id, reason_code, reason, amount, currency, recorded_at, delivery_state, delivery_to, delivery_endpoint,
                delivery_detail)
            SELECT u.transmission_id, coalesce(i.inbox_item_id, delivered.inbox_item_id), t.sender_entity_id,
                coalesce(i.recipient_entity_id, delivered.recipient_entity_id), u.status_id, u.code, u.at, u.set_by,
                u.set_by_caller, u.platform_id, u.reason_code, u.reason, u.amount, u.currency, $15,
                CASE WHEN u.delivery_to IS NULL THEN NULL WHEN u.in_receipt THEN 'delivered' ELSE 'pending' END, u.delivery_to, u.delivery_endpoint,
                CASE WHEN u.in_receipt THEN $16 ELSE '' END
            FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::smallint[], $5::timestamptz[], $6::text[], $7::text[], $8::text[], $9::text[],
                    $10::text[], $11::numeric[], $12::text[], $13::text[], $14::text[], $17::bool[]) WITH ORDINALITY
                AS u(transmission_id, inbox_item_id, status_id, code, at, set_by, set_by_caller, platform_id, reason_code, reason, amount,
                    currency, delivery_to, delivery_endpoint, in_receipt, n)
            LEFT JOIN transmission t ON t.transmission_id = u.transmission_id
            LEFT JOIN inbox_item i ON i.inbox_item_id = u.inbox_item_id
            LEFT JOIN inbox_item delivered ON u.inbox_item_id IS NULL AND delivered.source_transmission_id = u.transmission_id
            -- An inbox item a batch did not store (its key was taken) gets no statuses.
            WHERE u.inbox_item_id IS NULL OR i.inbox_item_id IS NOT NULL
            ORDER BY u.n
            RETURNING row_id, timeline_id, delivery_state)
        INSERT INTO outbox (kind, status_row_id, timeline_id, due_at, created_at)
        SELECT 'status', row_id, timeline_id, $15, $15 FROM ins WHERE delivery_state = 'pending' ORDER BY row_id
        """;

    private static NpgsqlParameter[] InsertParameters(List<StatusWrite> writes, DateTimeOffset now)
    {
        var f = writes.Select(w => w.Facts).ToList();
        return
        [
            new() { Value = writes.Select(w => w.TransmissionId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
            new() { Value = writes.Select(w => w.InboxItemId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
            new() { Value = f.Select(s => s.StatusId).ToArray() },
            new() { Value = f.Select(s => (short)s.Code).ToArray() },
            new() { Value = f.Select(s => s.At).ToArray() },
            new() { Value = f.Select(s => LifecycleDbCodes.Code(s.SetBy)).ToArray() },
            new() { Value = f.Select(s => s.SetByCaller).ToArray() },
            new() { Value = f.Select(s => s.PlatformId).ToArray() },
            new() { Value = f.Select(s => s.ReasonCode).ToArray() },
            new() { Value = f.Select(s => s.Reason).ToArray() },
            new() { Value = f.Select(s => s.Amount).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Numeric },
            Texts(f.Select(s => s.Currency)),
            Texts(writes.Select(w => w.TravelsTo?.ProviderId)),
            Texts(writes.Select(w => w.TravelsTo?.Endpoint)),
            new() { Value = now },
            new() { Value = InReceiptDetail },
            new() { Value = writes.Select(w => w.TravelsTo?.InReceipt ?? false).ToArray() },
        ];
    }

    private static NpgsqlParameter Texts(IEnumerable<string?> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
}
