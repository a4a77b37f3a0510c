using Npgsql;
using NpgsqlTypes;
using Qweeby.Routing.Data.Directory;

namespace Qweeby.Routing.Data.Exchange;

/// <summary>Transmissions submitted here: the accepting write and the reads of Get and List.</summary>
public sealed class TransmissionStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Stores each transmission's envelope, document, route, ACCEPTED event, 200 Déposée status and outbox row in one
    /// statement; with a lease (<see cref="TransmissionInsert.Lease"/>), also FORWARDING and 201 Émise, the row leased (see
    /// <see cref="OutboxLease"/>). All in one round trip and one transaction (a batch without BEGIN): nothing is written
    /// when it throws. Answers each outbox row's id, or null where the sender already used the message id (an earlier
    /// insert of the same batch too): nothing of it is written, and a concurrent first writer has committed by then, so
    /// <see cref="FindByMessageIdAsync"/> sees it.
    /// </summary>
    public async Task<IReadOnlyList<long?>> TryInsertAsync(IReadOnlyList<TransmissionInsert> inserts, CancellationToken ct)
    {
        await using var batch = dataSource.CreateBatch();
        foreach (var (t, lease) in inserts)
            batch.BatchCommands.Add(InsertCommand(t, lease));
        var ids = new List<long?>(inserts.Count);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        do
            ids.Add(await reader.ReadAsync(ct) ? reader.GetInt64(0) : null);
        while (await reader.NextResultAsync(ct));
        return ids;
    }

    private static NpgsqlBatchCommand InsertCommand(NewTransmission t, OutboxLease? lease)
    {
        // Events and statuses go in in the order given: their ids order them in the streams and the timeline.
        var cmd = new NpgsqlBatchCommand("""
            WITH t AS (
                INSERT INTO transmission (transmission_id, sender_entity_id, message_id, sender, recipient_reference,
                    recipient_entity_id, recipient_id, document_type, process, invoice_number, issue_date, content_sha256,
                    document, provider_id, provider_name, provider_endpoint, channel, chosen_because, status, status_detail, trace_parent,
                    accepted_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $21[cardinality($21)], $30,
                    $19, $20, $20)
                ON CONFLICT (sender_entity_id, message_id) DO NOTHING
                RETURNING transmission_id, sender_entity_id, accepted_at),
            queued AS (
                INSERT INTO outbox (kind, transmission_id, timeline_id, due_at, created_at, attempts, claim_token)
                SELECT 'invoice', transmission_id, transmission_id, accepted_at + $27, accepted_at, $28, $29 FROM t
                RETURNING outbox_id),
            event AS (
                INSERT INTO transmission_event (transmission_id, sender_entity_id, status, detail, at)
                SELECT transmission_id, sender_entity_id, e.status, e.detail, accepted_at
                FROM t, unnest($21::text[], $22::text[]) WITH ORDINALITY AS e(status, detail, n) ORDER BY e.n),
            opened AS (
                INSERT INTO lifecycle_status (transmission_id, sender_entity_id, status_id, code, at, set_by, set_by_caller, platform_id, recorded_at)
                SELECT transmission_id, sender_entity_id, s.status_id, s.code, accepted_at, 'platform', s.set_by_caller, $26, accepted_at
                FROM t, unnest($23::uuid[], $24::smallint[], $25::text[]) WITH ORDINALITY AS s(status_id, code, set_by_caller, n) ORDER BY s.n)
            SELECT outbox_id FROM queued
            """);
        var e = t.Envelope;
        var route = t.Route;
        object?[] values =
        [
            t.TransmissionId, t.SenderEntityId, e.MessageId, e.Sender, t.RecipientReference,
            t.RecipientEntityId, e.RecipientId, e.DocumentType, e.Process, e.InvoiceNumber, e.IssueDate, e.ContentSha256,
            t.Document, route.ProviderId, route.ProviderName, route.Endpoint, DirectoryCodes.Code(route.Channel), route.ChosenBecause,
        ];
        foreach (var value in values)
            cmd.Parameters.Add(new NpgsqlParameter { Value = value });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)t.TraceParent ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = t.AcceptedAt });
        // 200 Déposée opens every timeline (the state machine's first status); a leased row is issued (201) at once.
        var statuses = lease is null ? [t.Deposited] : new[] { t.Deposited, lease.Issued };
        string[] events = lease is null ? ["accepted"] : ["accepted", "forwarding"];
        string[] details = lease is null
            ? [$"accepted for {route.ProviderId} ({route.ChosenBecause})"]
            : [$"accepted for {route.ProviderId} ({route.ChosenBecause})", $"forwarding to {route.ProviderId}"];
        cmd.Parameters.Add(new NpgsqlParameter { Value = events });
        cmd.Parameters.Add(new NpgsqlParameter { Value = details });
        cmd.Parameters.Add(new NpgsqlParameter { Value = statuses.Select(s => s.StatusId).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = statuses.Select(s => (short)s.Code).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = statuses.Select(s => s.SetByCaller).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = t.Deposited.PlatformId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = lease?.Duration ?? TimeSpan.Zero });
        cmd.Parameters.Add(new NpgsqlParameter { Value = lease is null ? 0 : 1 });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)lease?.Token ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        cmd.Parameters.Add(new NpgsqlParameter { Value = lease is null ? "" : details[^1] });
        return cmd;
    }

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
