using Npgsql;
using Qweeby.Routing.Core.Lifecycle;
using Qweeby.Routing.Data.Lifecycle;
using Qweeby.Routing.Data.Postgres;

namespace Qweeby.Routing.Data.Exchange;

/// <summary>
/// Records the outcomes of one or more claims in one round trip: the attempt rows; for final outcomes the
/// outbox row's removal, the transmission's new status and its event; for retries the next due time;
/// the same for statuses (<see cref="StatusOutcomes"/>). Before them, the statuses the outcomes bring are written
/// together, under their timelines' locks (two round trips when there are any): those the partners' receipts carried
/// (202, 203), and an invoice that failed or was dead-lettered gets its 213 or 221 (one more round trip per such claim
/// to check it still holds the row).
/// Status changes and retries apply only to rows the claim (its token) still holds: a worker whose
/// lease ran out records its attempts but moves nothing another worker now owns.
/// </summary>
internal static class OutboxOutcomes
{
    public static async Task WriteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<ClaimOutcome> claims, DateTimeOffset now,
        string localProviderId, CancellationToken ct)
    {
        await OutcomeStatusesAsync(conn, tx, claims, now, localProviderId, ct);
        await using var batch = new NpgsqlBatch(conn, tx);
        Add(batch, claims, now);
        if (batch.BatchCommands.Count > 0)
            await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The statements that record <paramref name="claims"/>, to run after <see cref="OutcomeStatusesAsync"/>: one of each kind
    /// for all of them, each row matched with its own claim's token.
    /// </summary>
    public static void Add(NpgsqlBatch batch, IReadOnlyList<ClaimOutcome> claims, DateTimeOffset now)
    {
        var results = claims.SelectMany(c => c.Invoices.Select(r => (c.Token, Result: r))).ToList();
        if (results.Count > 0)
            batch.BatchCommands.Add(Attempts([.. results.Select(r => r.Result)]));
        var finals = results.Where(r => r.Result.Outcome != AttemptOutcome.Retry).ToList();
        if (finals.Count > 0)
            batch.BatchCommands.Add(Finals(finals, now));
        var retries = results.Where(r => r.Result.Outcome == AttemptOutcome.Retry).ToList();
        if (retries.Count > 0)
            batch.BatchCommands.Add(Retries(retries));
        StatusOutcomes.Add(batch, [.. claims.SelectMany(c => c.Statuses.Select(s => (c.Token, s)))]);
    }

    /// <summary>
    /// The statuses the outcomes bring to their invoices' timelines, in one write: those delivered receipts carried
    /// (as any status received from the partner: a repeat is recognised), and the edge statuses of those that go no further.
    /// </summary>
    public static async Task OutcomeStatusesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<ClaimOutcome> claims, DateTimeOffset now,
        string platformId, CancellationToken ct)
    {
        var writes = claims.SelectMany(c => c.Invoices).Where(r => r.Outcome == AttemptOutcome.Delivered).SelectMany(r => r.ReceiptStatuses).ToList();
        foreach (var claim in claims)
            writes.AddRange(await EdgeStatusesAsync(conn, tx, claim.Token, claim.Invoices, now, platformId, ct));
        await LifecycleWrites.RecordAsync(conn, tx, writes, now, ct);
    }

    /// <summary>
    /// An invoice that goes no further tells its sender why: 213 Rejetée or 221 Erreur de routage
    /// (<see cref="EdgeRefusals"/>) with the refusal's reason, for the rows this claim still holds.
    /// </summary>
    private static async Task<IEnumerable<StatusWrite>> EdgeStatusesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid token,
        IReadOnlyList<ForwardingResult> results, DateTimeOffset now, string platformId, CancellationToken ct)
    {
        var ended = results.Where(r => r.Outcome is AttemptOutcome.Failed or AttemptOutcome.DeadLettered).ToList();
        if (ended.Count == 0)
            return [];
        var held = new HashSet<long>();
        await using (var cmd = new NpgsqlCommand("SELECT outbox_id FROM outbox WHERE outbox_id = ANY($1) AND claim_token = $2 FOR UPDATE", conn, tx))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = ended.Select(r => r.OutboxId).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter { Value = token });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                held.Add(r.GetInt64(0));
        }
        return ended.Where(r => held.Contains(r.OutboxId)).Select(r =>
        {
            var (code, reasonCode) = r.Outcome == AttemptOutcome.DeadLettered
                ? (LifecycleCode.RoutingError, EdgeRefusals.Undelivered)
                : EdgeRefusals.ForRefusal(r.ErrorCode);
            var status = StatusFacts.ByPlatform(code, now, platformId, reasonCode, r.StatusDetail);
            return new StatusWrite(r.TransmissionId, null, status, LifecycleSetter.SupplierPlatform, null);
        }).ToList();
    }

    private static NpgsqlBatchCommand Attempts(IReadOnlyList<ForwardingResult> results) => BatchCommands.Of("""
        INSERT INTO delivery_attempt (transmission_id, attempt, destination, started_at, finished_at, outcome, error_code, error_detail)
        SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::text[], $7::text[], $8::text[])
        """,
        results.Select(r => r.TransmissionId).ToArray(),
        results.Select(r => r.Attempt).ToArray(),
        results.Select(r => r.Destination).ToArray(),
        results.Select(r => r.StartedAt).ToArray(),
        results.Select(r => r.FinishedAt).ToArray(),
        results.Select(r => ExchangeCodes.Code(r.Outcome)).ToArray(),
        results.Select(r => r.ErrorCode).ToArray(),
        results.Select(r => r.ErrorDetail).ToArray());

    /// <summary>
    /// Whether rows of the same timelines as the claims' final outcomes wait in the outbox: statuses queued behind an
    /// invoice or an older status, due once those rows are gone. To run before <see cref="Add"/>; null when none is final.
    /// </summary>
    public static NpgsqlBatchCommand? OthersOfTheirTimelines(IReadOnlyList<ClaimOutcome> claims)
    {
        long[] finalRows = [.. claims.SelectMany(c => c.Invoices).Where(r => r.Outcome != AttemptOutcome.Retry).Select(r => r.OutboxId),
            .. claims.SelectMany(c => c.Statuses).Where(s => s.Outcome != AttemptOutcome.Retry).Select(s => s.OutboxId)];
        return finalRows.Length == 0 ? null : BatchCommands.Of("""
            SELECT EXISTS (
                SELECT 1 FROM outbox o
                WHERE o.timeline_id IN (SELECT timeline_id FROM outbox WHERE outbox_id = ANY($1)) AND o.outbox_id <> ALL($1))
            """, finalRows);
    }

    private static NpgsqlBatchCommand Finals(IReadOnlyList<(Guid Token, ForwardingResult Result)> finals, DateTimeOffset now) => BatchCommands.Of("""
        WITH f AS (
            SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[])
                AS f(outbox_id, token, status, detail, receipt_id, receipt_received_at, receipt_sha256)),
        done AS (
            DELETE FROM outbox o USING f
            WHERE o.outbox_id = f.outbox_id AND o.claim_token = f.token
            RETURNING o.outbox_id, o.claim_token AS token, o.transmission_id),
        changed AS (
            UPDATE transmission t
            SET status = f.status, status_detail = f.detail, updated_at = $8,
                receipt_id = coalesce(f.receipt_id, t.receipt_id),
                receipt_received_at = coalesce(f.receipt_received_at, t.receipt_received_at),
                receipt_sha256 = coalesce(f.receipt_sha256, t.receipt_sha256)
            FROM done JOIN f USING (outbox_id, token)
            WHERE t.transmission_id = done.transmission_id
            RETURNING t.transmission_id, t.sender_entity_id, t.status, t.status_detail)
        INSERT INTO transmission_event (transmission_id, sender_entity_id, status, detail, at)
        SELECT transmission_id, sender_entity_id, status, status_detail, $8 FROM changed
        """,
        finals.Select(f => f.Result.OutboxId).ToArray(),
        finals.Select(f => f.Token).ToArray(),
        finals.Select(f => ExchangeCodes.Code(FinalState(f.Result.Outcome))).ToArray(),
        finals.Select(f => f.Result.StatusDetail).ToArray(),
        finals.Select(f => f.Result.Receipt?.TransmissionId).ToArray(),
        finals.Select(f => f.Result.Receipt?.ReceivedAt).ToArray(),
        finals.Select(f => f.Result.Receipt?.ContentSha256).ToArray(),
        now);

    private static NpgsqlBatchCommand Retries(IReadOnlyList<(Guid Token, ForwardingResult Result)> retries) => BatchCommands.Of("""
        UPDATE outbox o SET due_at = r.due_at
        FROM unnest($1::bigint[], $2::uuid[], $3::timestamptz[]) AS r(outbox_id, token, due_at)
        WHERE o.outbox_id = r.outbox_id AND o.claim_token = r.token
        """,
        retries.Select(r => r.Result.OutboxId).ToArray(),
        retries.Select(r => r.Token).ToArray(),
        retries.Select(r => r.Result.RetryAt!.Value).ToArray());

    private static TransmissionState FinalState(AttemptOutcome outcome) => outcome switch
    {
        AttemptOutcome.Delivered => TransmissionState.Delivered,
        AttemptOutcome.Failed => TransmissionState.Failed,
        _ => TransmissionState.DeadLettered,
    };
}
