using Npgsql;
using Qweeby.Routing.Core.Directory;
using Qweeby.Routing.Data.Directory;

namespace Qweeby.Routing.Data.Exchange;

/// <summary>
/// The transactional outbox. A claim takes up to N due rows no other worker holds
/// (<c>FOR UPDATE SKIP LOCKED</c>), pushes them out by a lease and marks their transmissions
/// FORWARDING; invoices for recipients hosted here go to the local inbox in that same transaction.
/// The rest are sent outside any transaction, then their outcomes recorded in one batch.
/// </summary>
public sealed class OutboxStore(NpgsqlDataSource dataSource)
{
    /// <param name="localProviderId">This platform's provider id: the partner id of local inbox deliveries.</param>
    public async Task<OutboxClaim> ClaimAsync(DateTimeOffset now, int limit, TimeSpan lease, string localProviderId, CancellationToken ct)
    {
        var token = Guid.NewGuid();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var claimed = await ClaimRowsAsync(conn, tx, now, limit, lease, token, ct);
        var hosted = claimed.Where(c => c.Channel == Channel.Hosted).ToList();
        var delivered = hosted.Count == 0 ? 0 : await DeliverLocallyAsync(conn, tx, hosted, now, localProviderId, token, ct);
        await tx.CommitAsync(ct);
        return new OutboxClaim(token, claimed.Where(c => c.Channel != Channel.Hosted).ToList(), delivered);
    }

    /// <summary>Records the outcomes of a claim's network attempts in one transaction.</summary>
    public async Task RecordAsync(Guid token, IReadOnlyList<ForwardingResult> results, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await OutboxOutcomes.WriteAsync(conn, tx, token, results, now, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Puts a FAILED or DEAD_LETTERED transmission back in the outbox as ACCEPTED, with an event.
    /// Answers whether it did, and the status found (null: no such transmission).
    /// </summary>
    public async Task<(bool Replayed, TransmissionState? Found)> ReplayAsync(Guid transmissionId, string detail, DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            WITH r AS (
                UPDATE transmission SET status = 'accepted', status_detail = $2, updated_at = $3
                WHERE transmission_id = $1 AND status IN ('failed', 'dead_lettered')
                RETURNING transmission_id, sender_entity_id),
            queued AS (
                INSERT INTO outbox (kind, transmission_id, due_at, created_at)
                SELECT 'invoice', transmission_id, $3, $3 FROM r),
            event AS (
                INSERT INTO transmission_event (transmission_id, sender_entity_id, status, detail, at)
                SELECT transmission_id, sender_entity_id, 'accepted', $2, $3 FROM r)
            SELECT (SELECT count(*) FROM r), (SELECT status FROM transmission WHERE transmission_id = $1)
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = transmissionId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = detail });
        cmd.Parameters.Add(new NpgsqlParameter { Value = now });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0) == 1, reader.IsDBNull(1) ? null : ExchangeCodes.State(reader.GetString(1)));
    }

    private static async Task<List<ClaimedInvoice>> ClaimRowsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, DateTimeOffset now, int limit,
        TimeSpan lease, Guid token, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            WITH due AS (
                SELECT outbox_id FROM outbox WHERE due_at <= $1 ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED),
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
                   t.document, t.provider_id, t.provider_endpoint, t.channel, t.trace_parent
            FROM claimed c JOIN transmission t ON t.transmission_id = c.transmission_id
            """, conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = now });
        cmd.Parameters.Add(new NpgsqlParameter { Value = limit });
        cmd.Parameters.Add(new NpgsqlParameter { Value = lease });
        cmd.Parameters.Add(new NpgsqlParameter { Value = token });
        var claimed = new List<ClaimedInvoice>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            claimed.Add(new ClaimedInvoice(
                r.GetInt64(0), r.GetInt32(1), r.GetFieldValue<DateTimeOffset>(2), r.GetGuid(3),
                new InvoiceEnvelope(r.GetString(4), r.GetString(5), r.GetString(6), r.GetString(7), r.GetString(8), r.GetString(9),
                    r.GetFieldValue<DateOnly>(10), r.GetString(11)),
                r.GetFieldValue<byte[]>(12), r.GetString(13), r.GetString(14), DirectoryCodes.Channel(r.GetString(15)),
                r.IsDBNull(16) ? null : r.GetString(16)));
        return claimed;
    }

    private static async Task<int> DeliverLocallyAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<ClaimedInvoice> hosted,
        DateTimeOffset now, string localProviderId, Guid token, CancellationToken ct)
    {
        var receipts = await InboxStore.DeliverLocallyAsync(conn, tx, hosted.Select(h => h.TransmissionId).ToArray(), localProviderId, now, ct);
        // A transmission without a receipt met another sender's inbox row under the same key: it stays
        // claimed and falls due again when the lease ends.
        var results = hosted.Where(h => receipts.ContainsKey(h.TransmissionId)).Select(h => new ForwardingResult(
            h.OutboxId, h.TransmissionId, h.Attempt, localProviderId, now, now, AttemptOutcome.Delivered, "", "",
            $"delivered to the local inbox, receipt {receipts[h.TransmissionId].TransmissionId}", receipts[h.TransmissionId], null)).ToList();
        await OutboxOutcomes.WriteAsync(conn, tx, token, results, now, ct);
        return results.Count;
    }
}
