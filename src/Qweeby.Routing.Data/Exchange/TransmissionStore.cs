using Npgsql;
using NpgsqlTypes;

namespace Qweeby.Routing.Data.Exchange;

/// <summary>Transmissions submitted here: the accepting write and the reads of Get and List.</summary>
public sealed class TransmissionStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Stores each transmission's envelope, document, route, ACCEPTED event, 200 Déposée status and outbox row; with a
    /// lease (<see cref="TransmissionInsert.Lease"/>), also FORWARDING and 201 Émise, the row leased (see
    /// <see cref="OutboxLease"/>). One statement per run of the group whose documents fit
    /// <see cref="GroupStatements.DocumentBudget"/> (Postgres opens the four tables, their indexes and their checks once per
    /// statement, not once per invoice), all in one round trip and one transaction (a batch without BEGIN): nothing is
    /// written when it throws. Answers each outbox row's id, or null where the sender already used the message id (an
    /// earlier insert of the same group too): nothing of it is written, and a concurrent first writer has committed by
    /// then, so <see cref="FindByMessageIdAsync"/> sees it.
    /// </summary>
    public async Task<IReadOnlyList<long?>> TryInsertAsync(IReadOnlyList<TransmissionInsert> inserts, CancellationToken ct)
    {
        var runs = GroupStatements.Runs([.. inserts], i => i.Transmission.Document.Length);
        await using var batch = dataSource.CreateBatch();
        foreach (var run in runs)
        {
            var insert = new NpgsqlBatchCommand(InsertSql);
            insert.Parameters.AddRange(TransmissionInsertColumns.Of(run));
            batch.BatchCommands.Add(insert);
        }
        var ids = new long?[inserts.Count];
        await using var reader = await batch.ExecuteReaderAsync(ct);
        foreach (var run in runs)
        {
            while (await reader.ReadAsync(ct))
                ids[run.Offset + (int)reader.GetInt64(0) - 1] = reader.IsDBNull(1) ? null : reader.GetInt64(1);
            await reader.NextResultAsync(ct);
        }
        return ids;
    }

    // Rows go in in the order given (item, then each item's events and statuses in turn): their ids order them in the
    // streams and the timeline, and the first of two items with one message id is the one kept.
    private const string InsertSql = """
        WITH item AS (
            SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::text[], $8::text[],
                $9::text[], $10::text[], $11::date[], $12::text[], $13::bytea[], $14::text[], $15::text[], $16::text[], $17::text[],
                $18::text[], $19::text[], $20::text[], $21::text[], $22::timestamptz[], $23::interval[], $24::int[], $25::uuid[], $26::text[])
                WITH ORDINALITY AS i(transmission_id, sender_entity_id, message_id, sender, recipient_reference, recipient_entity_id,
                    recipient_id, document_type, process, invoice_number, issue_date, content_sha256, document, provider_id, provider_name,
                    provider_endpoint, channel, chosen_because, status, status_detail, trace_parent, accepted_at, lease, attempts, claim_token,
                    platform_id, n)),
        t AS (
            INSERT INTO transmission (transmission_id, sender_entity_id, message_id, sender, recipient_reference,
                recipient_entity_id, recipient_id, document_type, process, invoice_number, issue_date, content_sha256,
                document, provider_id, provider_name, provider_endpoint, channel, chosen_because, status, status_detail, trace_parent,
                accepted_at, updated_at)
            SELECT transmission_id, sender_entity_id, message_id, sender, recipient_reference, recipient_entity_id, recipient_id,
                document_type, process, invoice_number, issue_date, content_sha256, document, provider_id, provider_name, provider_endpoint,
                channel, chosen_because, status, status_detail, trace_parent, accepted_at, accepted_at
            FROM item ORDER BY n
            ON CONFLICT (sender_entity_id, message_id) DO NOTHING
            RETURNING transmission_id),
        kept AS (
            SELECT n, transmission_id, sender_entity_id, accepted_at, lease, attempts, claim_token, platform_id
            FROM item JOIN t USING (transmission_id)),
        queued AS (
            INSERT INTO outbox (kind, transmission_id, timeline_id, due_at, created_at, attempts, claim_token)
            SELECT 'invoice', transmission_id, transmission_id, accepted_at + lease, accepted_at, attempts, claim_token FROM kept ORDER BY n
            RETURNING outbox_id, transmission_id),
        event AS (
            INSERT INTO transmission_event (transmission_id, sender_entity_id, status, detail, at)
            SELECT k.transmission_id, k.sender_entity_id, e.status, e.detail, k.accepted_at
            FROM unnest($27::int[], $28::text[], $29::text[]) WITH ORDINALITY AS e(item, status, detail, n)
            JOIN kept k ON k.n = e.item ORDER BY e.n),
        opened AS (
            INSERT INTO lifecycle_status (transmission_id, sender_entity_id, status_id, code, at, set_by, set_by_caller, platform_id, recorded_at)
            SELECT k.transmission_id, k.sender_entity_id, s.status_id, s.code, k.accepted_at, 'platform', s.set_by_caller, k.platform_id, k.accepted_at
            FROM unnest($30::int[], $31::uuid[], $32::smallint[], $33::text[]) WITH ORDINALITY AS s(item, status_id, code, set_by_caller, n)
            JOIN kept k ON k.n = s.item ORDER BY s.n)
        SELECT item.n, queued.outbox_id FROM item LEFT JOIN queued USING (transmission_id)
        """;

    public async Task<TransmissionRecord?> FindByMessageIdAsync(Guid senderEntityId, string messageId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {TransmissionColumns.List} FROM transmission WHERE sender_entity_id = $1 AND message_id = $2");
        cmd.Parameters.Add(new NpgsqlParameter { Value = senderEntityId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = messageId });
        return await ReadOneAsync(cmd, ct);
    }

    public async Task<TransmissionRecord?> GetAsync(Guid transmissionId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {TransmissionColumns.List} FROM transmission WHERE transmission_id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = transmissionId });
        return await ReadOneAsync(cmd, ct);
    }

    public async Task<IReadOnlyList<TransmissionRecord>> ListAsync(TransmissionFilter f, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"""
            SELECT {TransmissionColumns.List} FROM transmission
            WHERE sender_entity_id = $1
              AND ($2::text IS NULL OR status = $2)
              AND ($3::timestamptz IS NULL OR accepted_at >= $3)
              AND ($4::timestamptz IS NULL OR accepted_at < $4)
              AND ($5::timestamptz IS NULL OR (accepted_at, transmission_id) < ($5, $6))
            ORDER BY accepted_at DESC, transmission_id DESC
            LIMIT $7
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = f.SenderEntityId });
        cmd.Parameters.Add(Nullable(f.Status is { } s ? ExchangeCodes.Code(s) : null, NpgsqlDbType.Text));
        cmd.Parameters.Add(Nullable(f.AcceptedFrom, NpgsqlDbType.TimestampTz));
        cmd.Parameters.Add(Nullable(f.AcceptedTo, NpgsqlDbType.TimestampTz));
        cmd.Parameters.Add(Nullable(f.After?.AcceptedAt, NpgsqlDbType.TimestampTz));
        cmd.Parameters.Add(Nullable(f.After?.TransmissionId, NpgsqlDbType.Uuid));
        cmd.Parameters.Add(new NpgsqlParameter { Value = f.Limit });
        var list = new List<TransmissionRecord>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            list.Add(TransmissionColumns.Read(reader));
        return list;
    }

    /// <summary>Every delivery attempt of one transmission, oldest first.</summary>
    public async Task<IReadOnlyList<DeliveryAttemptRecord>> AttemptsOfAsync(Guid transmissionId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT attempt, destination, started_at, finished_at, outcome, error_code, error_detail
            FROM delivery_attempt WHERE transmission_id = $1 ORDER BY attempt_id
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = transmissionId });
        var list = new List<DeliveryAttemptRecord>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new DeliveryAttemptRecord(r.GetInt32(0), r.GetString(1), r.GetFieldValue<DateTimeOffset>(2), r.GetFieldValue<DateTimeOffset>(3),
                ExchangeCodes.Outcome(r.GetString(4)), r.GetString(5), r.GetString(6)));
        return list;
    }

    private static async Task<TransmissionRecord?> ReadOneAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? TransmissionColumns.Read(reader) : null;
    }

    internal static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) =>
        new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };
}
