using Qweeby.Routing.Core.Directory;
using Qweeby.Routing.Core.Lifecycle;
using Qweeby.Routing.Data.Exchange;
using Qweeby.Routing.Data.Lifecycle;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Exchange;

/// <summary>
/// The exchange's stores on a database of their own, no host (nothing else claims there): Submit's inserts grouped in one
/// transaction, and claims that take due invoices while their documents fit a byte budget, the first always (a backlog of
/// large documents for a partner back from an outage is held in memory a budget at a time).
/// </summary>
public sealed class ExchangeStoreTests : IAsyncLifetime
{
    private const int DocumentBytes = 300_000;
    private static readonly DateTimeOffset Accepted = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    private TestDatabase _database = null!;
    private (Guid Sender, Guid Recipient) _parties;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await TestCredentials.MigrateAsync(_database);
        _parties = (Guid.NewGuid(), Guid.NewGuid());
        await using var cmd = _database.DataSource.CreateCommand(
            "INSERT INTO entity (entity_id, kind, legal_name, country) VALUES ($1, 'company', 'Sender SA', 'FR'), ($2, 'company', 'Recipient SA', 'FR')");
        cmd.Parameters.Add(new() { Value = _parties.Sender });
        cmd.Parameters.Add(new() { Value = _parties.Recipient });
        await cmd.ExecuteNonQueryAsync(Ct);
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    private NewTransmission Transmission(int i, int bytes, string? messageId = null)
    {
        var at = Accepted.AddMilliseconds(i);
        return new NewTransmission(Guid.CreateVersion7(at), _parties.Sender, "0009:73282932000074", _parties.Recipient,
            new InvoiceEnvelope("0009:55203253400646", "0009:73282932000074", "380", "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0",
                messageId ?? $"m-{Guid.NewGuid():N}", $"F-{i}", new DateOnly(2026, 11, 26), new string('0', 64)),
            new byte[bytes], new StoredRoute("ap-b", "AP B", "https://ap-b.example", Channel.Interoperability, "recipient_default"),
            null, at, StatusFacts.ByPlatform(LifecycleCode.Deposited, at, "ap-a"));
    }

    /// <summary>Invoices accepted one after the other, each due a millisecond after the one before; their ids in that order.</summary>
    private async Task<List<Guid>> AcceptAsync(int invoices, int bytes)
    {
        var store = new TransmissionStore(_database.DataSource);
        var accepted = new List<Guid>();
        for (var i = 0; i < invoices; i++)
        {
            var transmission = Transmission(i, bytes);
            Assert.NotNull((await store.TryInsertAsync([new TransmissionInsert(transmission, null)], Ct))[0]);
            accepted.Add(transmission.TransmissionId);
        }
        return accepted;
    }

    [Fact]
    public async Task Inserts_grouped_answer_each_its_outbox_row_and_a_message_id_used_earlier_in_the_group_none()
    {
        var store = new TransmissionStore(_database.DataSource);
        var id = $"m-{Guid.NewGuid():N}";
        TransmissionInsert[] inserts = [new(Transmission(0, 100), null), new(Transmission(1, 100, id), null), new(Transmission(2, 100, id), null),
            new(Transmission(3, 100), null)];

        var outboxIds = await store.TryInsertAsync(inserts, Ct);

        Assert.Equal(4, outboxIds.Count);
        Assert.Null(outboxIds[2]);
        Assert.Equal(3, outboxIds.OfType<long>().Distinct().Count());
        Assert.Equal(inserts[1].Transmission.TransmissionId, (await store.FindByMessageIdAsync(_parties.Sender, id, Ct))!.TransmissionId);
    }

    [Fact]
    public async Task A_group_writes_each_kept_invoice_s_events_statuses_and_outbox_row_in_the_order_given_a_leased_one_forwarding()
    {
        var store = new TransmissionStore(_database.DataSource);
        var lease = new OutboxLease(Guid.NewGuid(), TimeSpan.FromMinutes(2), StatusFacts.ByPlatform(LifecycleCode.Issued, Accepted, "ap-a"));
        var (first, leased, repeat, last) = (Transmission(0, 100), Transmission(1, 100) with { TraceParent = "00-trace-01" }, Transmission(2, 100),
            Transmission(3, 100));
        repeat = repeat with { Envelope = repeat.Envelope with { MessageId = first.Envelope.MessageId } };

        var outboxIds = await store.TryInsertAsync([new(first, null), new(leased, lease), new(repeat, lease), new(last, null)], Ct);

        Assert.Null(outboxIds[2]);
        Assert.Equal(
            [$"{first.TransmissionId} accepted accepted for ap-b (recipient_default)", $"{leased.TransmissionId} accepted accepted for ap-b (recipient_default)",
                $"{leased.TransmissionId} forwarding forwarding to ap-b", $"{last.TransmissionId} accepted accepted for ap-b (recipient_default)"],
            await RowsAsync("SELECT concat_ws(' ', transmission_id, status, detail) FROM transmission_event ORDER BY event_id"));
        Assert.Equal(
            [$"{first.TransmissionId} 200 {first.Deposited.StatusId} ap-a ap-a", $"{leased.TransmissionId} 200 {leased.Deposited.StatusId} ap-a ap-a",
                $"{leased.TransmissionId} 201 {lease.Issued.StatusId} ap-a ap-a", $"{last.TransmissionId} 200 {last.Deposited.StatusId} ap-a ap-a"],
            await RowsAsync("SELECT concat_ws(' ', transmission_id, code, status_id, set_by_caller, platform_id) FROM lifecycle_status ORDER BY row_id"));
        Assert.Equal(
            [$"{first.TransmissionId} accepted  0 {outboxIds[0]}  00:00:00 ",
                $"{leased.TransmissionId} forwarding forwarding to ap-b 1 {outboxIds[1]} {lease.Token} 00:02:00 00-trace-01",
                $"{last.TransmissionId} accepted  0 {outboxIds[3]}  00:00:00 "],
            await RowsAsync("""
                SELECT concat_ws(' ', t.transmission_id, t.status, t.status_detail, o.attempts, o.outbox_id, coalesce(o.claim_token::text, ''),
                    (o.due_at - t.accepted_at)::text, coalesce(t.trace_parent, ''))
                FROM transmission t JOIN outbox o USING (transmission_id) ORDER BY o.outbox_id
                """));
    }

    [Fact]
    public async Task A_group_answers_none_for_a_message_id_committed_before_it_and_stores_the_rest()
    {
        var store = new TransmissionStore(_database.DataSource);
        var earlier = Transmission(0, 100);
        Assert.NotNull((await store.TryInsertAsync([new(earlier, null)], Ct))[0]);
        var again = Transmission(1, 100);
        again = again with { Envelope = again.Envelope with { MessageId = earlier.Envelope.MessageId } };

        var outboxIds = await store.TryInsertAsync([new(again, null), new(Transmission(2, 100), null)], Ct);

        Assert.Null(outboxIds[0]);
        Assert.NotNull(outboxIds[1]);
        Assert.Equal(earlier.TransmissionId, (await store.FindByMessageIdAsync(_parties.Sender, earlier.Envelope.MessageId, Ct))!.TransmissionId);
        Assert.Equal(["2"], await RowsAsync("SELECT count(*)::text FROM transmission"));
    }

    [Fact]
    public async Task A_group_whose_documents_pass_one_statement_s_budget_is_stored_in_several_with_the_same_answers_and_order()
    {
        var store = new TransmissionStore(_database.DataSource);
        // 20 documents of 300 KB: two statements under the 4 MiB budget; the last repeats the first's message id across them.
        var group = Enumerable.Range(0, 20).Select(i => Transmission(i, DocumentBytes)).ToArray();
        group[^1] = group[^1] with { Envelope = group[^1].Envelope with { MessageId = group[0].Envelope.MessageId } };
        Assert.Equal(2, GroupStatements.Runs(group, t => t.Document.Length).Count);

        var outboxIds = await store.TryInsertAsync([.. group.Select(t => new TransmissionInsert(t, null))], Ct);

        Assert.Null(outboxIds[^1]);
        Assert.Equal(19, outboxIds.OfType<long>().Distinct().Count());
        Assert.Equal(outboxIds.OfType<long>().Order(), outboxIds.OfType<long>());
        Assert.Equal([.. group[..^1].Select(t => t.TransmissionId.ToString())],
            await RowsAsync("SELECT transmission_id::text FROM transmission_event ORDER BY event_id"));
    }

    [Fact]
    public void Runs_cut_a_group_where_the_next_document_would_pass_the_budget_and_a_larger_one_goes_alone()
    {
        int[] sizes = [3, 4, 2, 12, 1, 9, 1];

        var runs = GroupStatements.Runs(sizes, s => s, budget: 10);

        Assert.Equal(["3,4,2", "12", "1,9", "1"], runs.Select(r => string.Join(',', r)));
        Assert.Empty(GroupStatements.Runs(Array.Empty<int>(), s => s, budget: 10));
    }

    [Fact]
    public async Task Inbox_items_grouped_keep_the_order_given_and_the_first_of_two_with_one_key_without_the_second_s_statuses()
    {
        var inbox = new InboxStore(_database.DataSource);
        NewInboxItem Item(int i, string messageId) => new(Guid.NewGuid(), _parties.Recipient, "ap-a",
            new InvoiceEnvelope("0009:55203253400646", "0009:73282932000074", "380", "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0",
                messageId, $"F-{i}", new DateOnly(2026, 11, 26), new string('0', 64)), new byte[] { (byte)i }, i == 0 ? null : $"trace-{i}", Accepted);
        InboxDelivery Delivery(NewInboxItem item) => new(item, [new StatusWrite(null, item.InboxItemId,
            StatusFacts.ByPlatform(LifecycleCode.Deposited, Accepted, "ap-a"), LifecycleSetter.SupplierPlatform, null)]);
        NewInboxItem[] items = [Item(0, "m-1"), Item(1, "m-2"), Item(2, "m-1"), Item(3, "m-3")];

        var stored = await inbox.TryInsertAsync([.. items.Select(Delivery)], Ct);

        Assert.Equal([true, true, false, true], stored);
        string[] kept = [$"{items[0].InboxItemId} 00 F-0", $"{items[1].InboxItemId} 01 F-1 trace-1", $"{items[3].InboxItemId} 03 F-3 trace-3"];
        Assert.Equal(kept,
            await RowsAsync("SELECT concat_ws(' ', inbox_item_id, encode(document, 'hex'), invoice_number, trace_parent) FROM inbox_item ORDER BY inbox_seq"));
        Assert.Equal([.. new[] { items[0], items[1], items[3] }.Select(i => i.InboxItemId.ToString())],
            await RowsAsync("SELECT inbox_item_id::text FROM lifecycle_status ORDER BY row_id"));
    }

    private async Task<List<string>> RowsAsync(string sql)
    {
        await using var cmd = _database.DataSource.CreateCommand(sql);
        await using var r = await cmd.ExecuteReaderAsync(Ct);
        var rows = new List<string>();
        while (await r.ReadAsync(Ct))
            rows.Add(r.GetString(0));
        return rows;
    }

    private Task<OutboxClaim> ClaimAsync(long maxBytes) =>
        new OutboxStore(_database.DataSource).ClaimAsync(Accepted.AddHours(1), limit: 10, maxBytes, TimeSpan.FromMinutes(2), "ap-a", Ct);

    [Fact]
    public async Task A_group_with_one_insert_that_fails_writes_none_of_them()
    {
        var store = new TransmissionStore(_database.DataSource);
        TransmissionInsert[] inserts = [new(Transmission(0, 100), null), new(Transmission(1, 100) with { SenderEntityId = Guid.NewGuid() }, null),
            new(Transmission(2, 100), null)];

        var failure = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => store.TryInsertAsync(inserts, Ct));

        Assert.Equal(Npgsql.PostgresErrorCodes.ForeignKeyViolation, failure.SqlState);
        await using var count = _database.DataSource.CreateCommand("SELECT (SELECT count(*) FROM transmission) + (SELECT count(*) FROM outbox)");
        Assert.Equal(0L, await count.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task Claims_take_the_due_invoices_a_budget_at_a_time_oldest_first_and_leave_the_rest_due()
    {
        var accepted = await AcceptAsync(5, DocumentBytes);

        var claims = new List<OutboxClaim>();
        for (var claim = 0; claim < 4; claim++)
            claims.Add(await ClaimAsync(2 * DocumentBytes + DocumentBytes / 2));

        Assert.Equal([2, 2, 1, 0], claims.Select(c => c.Remote.Count));
        // Oldest due first: each claim takes the next ones in order (in any order within it).
        Assert.Equal([accepted[..2].ToHashSet(), accepted[2..4].ToHashSet(), accepted[4..].ToHashSet(), []],
            claims.Select(c => c.Remote.Select(i => i.TransmissionId).ToHashSet()));
        Assert.Equal([true, true, false, false], claims.Select(c => c.BudgetCut));
    }

    [Fact]
    public async Task The_first_due_invoice_comes_even_when_it_alone_passes_the_budget()
    {
        await AcceptAsync(2, DocumentBytes);

        var first = await ClaimAsync(DocumentBytes / 10);
        var second = await ClaimAsync(DocumentBytes / 10);

        Assert.Equal((1, 1), (first.Remote.Count, second.Remote.Count));
        Assert.NotEqual(first.Remote[0].TransmissionId, second.Remote[0].TransmissionId);
        Assert.Equal(DocumentBytes, first.Remote[0].Document.Length);
    }
}
