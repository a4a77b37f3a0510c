using Npgsql;
using Qweeby.Routing.Core.Directory;
using Qweeby.Routing.Core.Lifecycle;
using Qweeby.Routing.Data.Admin;
using Qweeby.Routing.Data.Lifecycle;

namespace Qweeby.Routing.Data.Exchange;

/// <summary>
/// The transactional outbox. A claim takes up to N due invoices and N due statuses no other worker holds
/// (<c>FOR UPDATE SKIP LOCKED</c>, see <see cref="OutboxClaims"/>), pushes them out by a lease, marks
/// the transmissions FORWARDING and records their 201 Émise; invoices for recipients hosted here go to
/// the local inbox in that same transaction. The rest are sent outside any transaction, then their
/// outcomes recorded in one batch.
/// </summary>
public sealed class OutboxStore(NpgsqlDataSource dataSource)
{
    private const int DeadlockAttempts = 3;

    /// <param name="limit">Invoices, and statuses, one claim takes at most.</param>
    /// <param name="maxBytes">Invoices' document bytes one claim takes at most; the first due invoice always comes.</param>
    /// <param name="localProviderId">This platform's provider id: the partner id of local inbox deliveries, the platform of its statuses.</param>
    public async Task<OutboxClaim> ClaimAsync(DateTimeOffset now, int limit, long maxBytes, TimeSpan lease, string localProviderId, CancellationToken ct)
    {
        var token = Guid.NewGuid();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var (invoices, statuses, budgetCut) = await ClaimRowsAsync(conn, tx, now, limit, maxBytes, lease, token, ct);
        var hosted = invoices.Where(c => c.Channel == Channel.Hosted).ToList();
        // A local delivery attaches the timelines' rows to the recipient: a status being set on one of them meanwhile
        // (its writer holds the timeline's lock) must commit first, or it would miss the recipient. The timelines
        // RecordAsync locks below (started invoices' and hosted ones') are locked here, in its order, so that it takes
        // none later; no other: a remote invoice's timeline may be held by the recorder of an earlier claim of it.
        if (hosted.Count > 0)
            await LifecycleWrites.LockAsync(conn, tx, [.. invoices.Where(i => i.Started || i.Channel == Channel.Hosted).Select(i => i.TransmissionId)], ct);
        var local = hosted.Count == 0 ? new LocalDelivery([], []) : await InboxStore.DeliverLocallyAsync(conn, tx, [.. hosted.Select(h => h.TransmissionId)], localProviderId, now, ct);
        await LifecycleWrites.RecordAsync(conn, tx, PlatformStatuses(invoices, local, now, localProviderId), now, ct);
        var delivered = hosted.Count == 0 ? 0 : await RecordLocalAsync(conn, tx, hosted, local, now, localProviderId, token, ct);
        await tx.CommitAsync(ct);
        return new OutboxClaim(token, invoices.Where(c => c.Channel != Channel.Hosted).ToList(), statuses, delivered, budgetCut);
    }

    /// <summary>
    /// Records the outcomes of several claims' network attempts (invoices and statuses) in one transaction,
    /// which also numbers the events and statuses waiting for their place in the streams (its own among
    /// them, <see cref="EventNumbering"/>): a DELIVERED is in the streams when it commits. Answers how many
    /// it numbered, and whether rows of the same timelines as those that left the outbox wait there (due now). The
    /// numbering lock is taken before any status row is updated, so this cannot deadlock with the sequencer; other
    /// deadlocks are retried: nothing was written, and the outcomes are owed.
    /// </summary>
    public async Task<(int Numbered, bool OthersDue)> RecordAsync(IReadOnlyList<ClaimOutcome> claims, DateTimeOffset now, string localProviderId,
        CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var conn = await dataSource.OpenConnectionAsync(ct);
                await using var tx = await conn.BeginTransactionAsync(ct);
                await OutboxOutcomes.OutcomeStatusesAsync(conn, tx, claims, now, localProviderId, ct);
                (int, bool) recorded;
                await using (var batch = new NpgsqlBatch(conn, tx))
                {
                    batch.BatchCommands.Add(EventNumbering.Lock());
                    if (OutboxOutcomes.OthersOfTheirTimelines(claims) is { } othersDue)
                        batch.BatchCommands.Add(othersDue);
                    OutboxOutcomes.Add(batch, claims, now);
                    batch.BatchCommands.Add(EventNumbering.Number(EventNumbering.BatchSize));
                    await using var r = await batch.ExecuteReaderAsync(ct);
                    recorded = await EventNumbering.ReadCountAndFlagAsync(r, ct);
                }
                await tx.CommitAsync(ct);
                return recorded;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < DeadlockAttempts)
            {
                // Nothing was written: the transaction was rolled back whole.
            }
        }
    }

    /// <summary>
    /// Hands back the rows of claims a stopping host will not record: due at once for the next claimer, instead of when
    /// their leases end. Only claims with no outcome recorded may be given: a recorded retry keeps its token and its time.
    /// Answers how many rows went back.
    /// </summary>
    public async Task<int> ReleaseAsync(IReadOnlyCollection<Guid> unrecordedClaims, DateTimeOffset now, CancellationToken ct)
    {
        if (unrecordedClaims.Count == 0)
            return 0;
        await using var cmd = dataSource.CreateCommand("UPDATE outbox SET due_at = $2, claim_token = NULL WHERE claim_token = ANY($1)");
        cmd.Parameters.Add(new NpgsqlParameter { Value = unrecordedClaims.ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = now });
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Puts a FAILED or DEAD_LETTERED transmission back in the outbox as ACCEPTED, with an event, in an admin change
    /// (<see cref="ReplayStore"/> audits it). Answers whether it did, the status found (null: no such transmission) and its sender.
    /// </summary>
    public static async Task<(bool Replayed, TransmissionState? Found, Guid? SenderEntityId)> ReplayAsync(AdminTransaction tx, Guid transmissionId,
        string detail, CancellationToken ct)
    {
        await using var cmd = tx.Command("""
            WITH r AS (
                UPDATE transmission SET status = 'accepted', status_detail = $2, updated_at = $3
                WHERE transmission_id = $1 AND status IN ('failed', 'dead_lettered')
                RETURNING transmission_id, sender_entity_id),
            queued AS (
                INSERT INTO outbox (kind, transmission_id, timeline_id, due_at, created_at)
                SELECT 'invoice', transmission_id, transmission_id, $3, $3 FROM r),
            event AS (
                INSERT INTO transmission_event (transmission_id, sender_entity_id, status, detail, at)
                SELECT transmission_id, sender_entity_id, 'accepted', $2, $3 FROM r)
            SELECT (SELECT count(*) FROM r), (SELECT status FROM transmission WHERE transmission_id = $1),
                (SELECT sender_entity_id FROM transmission WHERE transmission_id = $1)
            """, transmissionId, detail, tx.At);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0) == 1, reader.IsDBNull(1) ? null : ExchangeCodes.State(reader.GetString(1)), reader.IsDBNull(2) ? null : reader.GetGuid(2));
    }

    private static async Task<(List<ClaimedInvoice>, List<ClaimedStatus>, bool BudgetCut)> ClaimRowsAsync(NpgsqlConnection conn, NpgsqlTransaction tx,
        DateTimeOffset now, int limit, long maxBytes, TimeSpan lease, Guid token, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(conn, tx)
        {
            BatchCommands = { OutboxClaims.Invoices(now, limit, maxBytes, lease, token), OutboxClaims.Statuses(now, limit, lease, token) },
        };
        var invoices = new List<ClaimedInvoice>();
        var statuses = new List<ClaimedStatus>();
        var locked = 0L;
        await using var r = await batch.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            invoices.Add(OutboxClaims.ReadInvoice(r));
            locked = OutboxClaims.LockedOf(r);
        }
        await r.NextResultAsync(ct);
        while (await r.ReadAsync(ct))
            statuses.Add(OutboxClaims.ReadStatus(r));
        return (invoices, statuses, locked > invoices.Count);
    }

    /// <summary>
    /// 201 Émise for every invoice this claim starts forwarding; for those delivered to a local inbox now,
    /// 202 Reçue and 203 Mise à disposition on the timeline both ends share.
    /// </summary>
    private static List<StatusWrite> PlatformStatuses(List<ClaimedInvoice> invoices, LocalDelivery local, DateTimeOffset now, string platformId)
    {
        Guid? InboxItem(Guid transmissionId) => local.Receipts.TryGetValue(transmissionId, out var receipt) ? Guid.Parse(receipt.TransmissionId) : null;
        var writes = invoices.Where(i => i.Started).Select(i => new StatusWrite(i.TransmissionId, InboxItem(i.TransmissionId),
            StatusFacts.ByPlatform(LifecycleCode.Issued, now, platformId), LifecycleSetter.SupplierPlatform, null)).ToList();
        foreach (var transmissionId in local.Receipts.Keys)
            foreach (var code in LifecycleCodes.OnReception)
                writes.Add(new StatusWrite(transmissionId, InboxItem(transmissionId), StatusFacts.ByPlatform(code, now, platformId),
                    LifecycleSetter.BuyerPlatform, null));
        return writes;
    }

    private static async Task<int> RecordLocalAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<ClaimedInvoice> hosted, LocalDelivery local,
        DateTimeOffset now, string localProviderId, Guid token, CancellationToken ct)
    {
        // A transmission without a receipt met another sender's inbox row under the same key: it stays
        // claimed and falls due again when the lease ends. One whose recipient was deactivated is refused.
        var results = new List<ForwardingResult>();
        foreach (var h in hosted)
        {
            if (local.Receipts.TryGetValue(h.TransmissionId, out var receipt))
                results.Add(new ForwardingResult(h.OutboxId, h.TransmissionId, h.Attempt, localProviderId, now, now, AttemptOutcome.Delivered, "", "",
                    $"delivered to the local inbox, receipt {receipt.TransmissionId}", receipt, null));
            else if (local.RecipientInactive.Contains(h.TransmissionId))
                results.Add(new ForwardingResult(h.OutboxId, h.TransmissionId, h.Attempt, localProviderId, now, now, AttemptOutcome.Failed,
                    "NOT_FOUND/RECIPIENT_NON_EXISTENT", $"{h.Envelope.RecipientId} was deactivated after the invoice was accepted",
                    $"refused by {localProviderId}: NOT_FOUND/RECIPIENT_NON_EXISTENT: {h.Envelope.RecipientId} was deactivated after the invoice was accepted",
                    null, null));
        }
        await OutboxOutcomes.WriteAsync(conn, tx, [new ClaimOutcome(token, results, [])], now, localProviderId, ct);
        return results.Count(r => r.Outcome == AttemptOutcome.Delivered);
    }
}
