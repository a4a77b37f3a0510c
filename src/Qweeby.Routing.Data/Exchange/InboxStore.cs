using Npgsql;
using NpgsqlTypes;
using Qweeby.Routing.Data.Lifecycle;
using static Qweeby.Routing.Data.Exchange.GroupStatements;

namespace Qweeby.Routing.Data.Exchange;

/// <summary>
/// Inboxes of the recipients hosted here. An item's key is (partner, sender, message id): a partner's
/// retry finds the first delivery and its receipt instead of a second copy.
/// </summary>
public sealed class InboxStore(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        inbox_item_id, inbox_seq, partner_id, sender, recipient_id, document_type, process, message_id, invoice_number,
        issue_date, content_sha256, received_at, acknowledged_at
        """;

    public async Task<InboxItemRecord?> FindAsync(string partnerId, string sender, string messageId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM inbox_item WHERE partner_id = $1 AND sender = $2 AND message_id = $3");
        cmd.Parameters.Add(new NpgsqlParameter { Value = partnerId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = sender });
        cmd.Parameters.Add(new NpgsqlParameter { Value = messageId });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? Read(r, withDocument: false) : null;
    }

    /// <summary>
    /// Stores the items (one statement per run of them whose documents fit <see cref="GroupStatements.DocumentBudget"/>)
    /// and opens their timelines (the sending side's statuses, then this platform's), all in one round trip and one
    /// transaction; answers, per item, whether it was stored. False when its key is taken (by an earlier item of the
    /// group too): nothing of it is written (then <see cref="FindAsync"/> sees the first item).
    /// </summary>
    public async Task<IReadOnlyList<bool>> TryInsertAsync(IReadOnlyList<InboxDelivery> deliveries, CancellationToken ct)
    {
        // A batch without BEGIN is one implicit transaction.
        await using var batch = dataSource.CreateBatch();
        foreach (var run in GroupStatements.Runs([.. deliveries.Select(d => d.Item)], i => i.Document.Length))
            batch.BatchCommands.Add(Insert(run));
        // The items are new under fresh ids: their timelines need no lock and hold nothing yet. The statuses
        // of an item whose key was taken are not written (see LifecycleWrites).
        if (LifecycleWrites.OpenTimelines([.. deliveries.SelectMany(d => d.Timeline)], deliveries[0].Item.ReceivedAt) is { } statuses)
            batch.BatchCommands.Add(statuses);
        var stored = new HashSet<Guid>();
        await using (var r = await batch.ExecuteReaderAsync(ct))
        {
            do
            {
                while (r.FieldCount == 1 && await r.ReadAsync(ct))
                    stored.Add(r.GetGuid(0));
            }
            while (await r.NextResultAsync(ct));
        }
        return [.. deliveries.Select(d => stored.Contains(d.Item.InboxItemId))];
    }

    /// <summary>The items in the order given: their inbox sequence numbers follow it, and of two with one key the first is kept.</summary>
    private static NpgsqlBatchCommand Insert(ArraySegment<NewInboxItem> run)
    {
        var insert = new NpgsqlBatchCommand("""
            INSERT INTO inbox_item (inbox_item_id, recipient_entity_id, recipient_id, partner_id, sender, message_id, document_type, process,
                invoice_number, issue_date, content_sha256, document, trace_parent, received_at)
            SELECT inbox_item_id, recipient_entity_id, recipient_id, partner_id, sender, message_id, document_type, process,
                invoice_number, issue_date, content_sha256, document, trace_parent, received_at
            FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                $10::date[], $11::text[], $12::bytea[], $13::text[], $14::timestamptz[])
                WITH ORDINALITY AS i(inbox_item_id, recipient_entity_id, recipient_id, partner_id, sender, message_id, document_type, process,
                    invoice_number, issue_date, content_sha256, document, trace_parent, received_at, n)
            ORDER BY n
            ON CONFLICT (partner_id, sender, message_id) DO NOTHING
            RETURNING inbox_item_id
            """);
        insert.Parameters.AddRange(new[]
        {
            Column(run, i => i.InboxItemId), Column(run, i => i.RecipientEntityId), Column(run, i => i.Envelope.RecipientId),
            Column(run, i => i.PartnerId), Column(run, i => i.Envelope.Sender), Column(run, i => i.Envelope.MessageId),
            Column(run, i => i.Envelope.DocumentType), Column(run, i => i.Envelope.Process), Column(run, i => i.Envelope.InvoiceNumber),
            Column(run, i => i.Envelope.IssueDate), Column(run, i => i.Envelope.ContentSha256), Column(run, i => i.Document, NpgsqlDbType.Bytea),
            Column(run, i => i.TraceParent, NpgsqlDbType.Text), Column(run, i => i.ReceivedAt),
        });
        return insert;
    }

    /// <summary>
    /// A recipient's items after <paramref name="afterSequence"/>, oldest first: at most <paramref name="pageSize"/>,
    /// fewer when their documents would pass <paramref name="maxBytes"/> (the first item always comes).
    /// </summary>
    public async Task<(IReadOnlyList<InboxItemRecord> Items, bool HasMore)> FetchAsync(Guid recipientEntityId, long afterSequence, int pageSize,
        bool includeAcknowledged, long maxBytes, CancellationToken ct)
    {
        // One row past the page tells whether more follow; documents past the byte budget are not read.
        await using var cmd = dataSource.CreateCommand($"""
            SELECT {Columns}, CASE WHEN bytes_before = 0 OR bytes_before + octet_length(document) <= $5 THEN document END
            FROM (
                SELECT *, sum(octet_length(document)) OVER (ORDER BY inbox_seq) - octet_length(document) AS bytes_before
                FROM inbox_item
                WHERE recipient_entity_id = $1 AND inbox_seq > $2 AND ($3 OR acknowledged_at IS NULL)
                ORDER BY inbox_seq LIMIT $4) page
            ORDER BY inbox_seq
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = recipientEntityId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = afterSequence });
        cmd.Parameters.Add(new NpgsqlParameter { Value = includeAcknowledged });
        cmd.Parameters.Add(new NpgsqlParameter { Value = pageSize + 1 });
        cmd.Parameters.Add(new NpgsqlParameter { Value = maxBytes });
        var items = new List<InboxItemRecord>();
        var more = false;
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            if (items.Count == pageSize || r.IsDBNull(13))
            {
                more = true;
                break;
            }
            items.Add(Read(r, withDocument: true));
        }
        return (items, more);
    }

    /// <summary>
    /// Acknowledges all of <paramref name="ids"/> or, when some are not this recipient's, none.
    /// Answers the ids not found and how many were acknowledged now.
    /// </summary>
    public async Task<(IReadOnlyList<Guid> Unknown, int Newly)> AcknowledgeAsync(Guid recipientEntityId, Guid[] ids, DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            WITH mine AS (
                SELECT inbox_item_id, acknowledged_at FROM inbox_item
                WHERE recipient_entity_id = $1 AND inbox_item_id = ANY($2) FOR UPDATE),
            acked AS (
                UPDATE inbox_item i SET acknowledged_at = $3 FROM mine
                WHERE i.inbox_item_id = mine.inbox_item_id AND mine.acknowledged_at IS NULL
                  AND (SELECT count(*) FROM mine) = cardinality($2)
                RETURNING 1)
            SELECT ARRAY(SELECT unnest($2) EXCEPT SELECT inbox_item_id FROM mine), (SELECT count(*) FROM acked)
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = recipientEntityId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = ids });
        cmd.Parameters.Add(new NpgsqlParameter { Value = now });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return (r.GetFieldValue<Guid[]>(0), (int)r.GetInt64(1));
    }

    /// <summary>
    /// Copies hosted transmissions into their recipients' inboxes inside the caller's transaction, and links
    /// their timelines to the inbox items; answers the receipt of each one delivered (now or by an earlier
    /// attempt), and those whose recipient was deactivated since it was accepted (not delivered).
    /// </summary>
    internal static async Task<LocalDelivery> DeliverLocallyAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid[] transmissionIds,
        string localProviderId, DateTimeOffset now, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(conn, tx)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("""
                    INSERT INTO inbox_item (inbox_item_id, recipient_entity_id, recipient_id, partner_id, sender, message_id, document_type,
                        process, invoice_number, issue_date, content_sha256, document, source_transmission_id, trace_parent, received_at)
                    SELECT gen_random_uuid(), t.recipient_entity_id, t.recipient_id, $2, t.sender, t.message_id, t.document_type,
                        t.process, t.invoice_number, t.issue_date, t.content_sha256, t.document, t.transmission_id, t.trace_parent, $3
                    FROM transmission t JOIN entity e ON e.entity_id = t.recipient_entity_id
                    WHERE t.transmission_id = ANY($1) AND e.status = 'active'
                    ON CONFLICT (partner_id, sender, message_id) DO NOTHING
                    """) { Parameters = { new() { Value = transmissionIds }, new() { Value = localProviderId }, new() { Value = now } } },
                // Rows numbered already (for the sender's stream) wait for a number in the recipient's (EventNumbering).
                new NpgsqlBatchCommand("""
                    WITH attached AS (
                        UPDATE lifecycle_status s SET inbox_item_id = i.inbox_item_id, recipient_entity_id = i.recipient_entity_id
                        FROM inbox_item i
                        WHERE i.source_transmission_id = ANY($1) AND s.transmission_id = i.source_transmission_id AND s.inbox_item_id IS NULL
                        RETURNING s.row_id, s.seq)
                    INSERT INTO status_attached (row_id) SELECT row_id FROM attached WHERE seq IS NOT NULL
                    """) { Parameters = { new() { Value = transmissionIds } } },
                new NpgsqlBatchCommand("""
                    SELECT source_transmission_id, inbox_item_id, received_at, content_sha256
                    FROM inbox_item WHERE source_transmission_id = ANY($1)
                    UNION ALL
                    SELECT t.transmission_id, NULL, NULL, NULL
                    FROM transmission t JOIN entity e ON e.entity_id = t.recipient_entity_id
                    WHERE t.transmission_id = ANY($1) AND e.status <> 'active'
                      AND NOT EXISTS (SELECT 1 FROM inbox_item i WHERE i.source_transmission_id = t.transmission_id)
                    """) { Parameters = { new() { Value = transmissionIds } } },
            },
        };
        var delivery = new LocalDelivery([], []);
        await using var r = await batch.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            if (r.IsDBNull(1))
                delivery.RecipientInactive.Add(r.GetGuid(0));
            else
                delivery.Receipts[r.GetGuid(0)] = new Receipt(r.GetGuid(1).ToString(), r.GetFieldValue<DateTimeOffset>(2), r.GetString(3));
        }
        return delivery;
    }

    private static InboxItemRecord Read(NpgsqlDataReader r, bool withDocument) => new(
        r.GetGuid(0),
        r.GetInt64(1),
        r.GetString(2),
        new InvoiceEnvelope(r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6), r.GetString(7), r.GetString(8),
            r.GetFieldValue<DateOnly>(9), r.GetString(10)),
        withDocument ? r.GetFieldValue<byte[]>(13) : [],
        r.GetFieldValue<DateTimeOffset>(11),
        r.IsDBNull(12) ? null : r.GetFieldValue<DateTimeOffset>(12));
}
