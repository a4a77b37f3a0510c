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
    public async Task Inserts_grouped_in_one_batch_answer_each_its_outbox_row_and_a_message_id_used_earlier_in_the_batch_none()
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
        var (first, leased, repeat, last) = (Transmission(0, 100), Transmission(1, 100), Transmission(2, 100), Transmission(3, 100));
        repeat = repeat with { Envelope = repeat.Envelope with { MessageId = first.Envelope.MessageId } };

        var outboxIds = await store.TryInsertAsync([new(first, null), new(leased, lease), new(repeat, lease), new(last, null)], Ct);

        Assert.Null(outboxIds[2]);
        Assert.Equal(
            [$"{first.TransmissionId} accepted", $"{leased.TransmissionId} accepted", $"{leased.TransmissionId} forwarding", $"{last.TransmissionId} accepted"],
            await RowsAsync("SELECT transmission_id || ' ' || status FROM transmission_event ORDER BY event_id"));
        Assert.Equal(
            [$"{first.TransmissionId} 200", $"{leased.TransmissionId} 200 201 {lease.Issued.StatusId}", $"{last.TransmissionId} 200"],
            await RowsAsync("""
                SELECT transmission_id || ' ' || string_agg(code::text || CASE WHEN code = 201 THEN ' ' || status_id ELSE '' END, ' ' ORDER BY row_id)
                FROM lifecycle_status GROUP BY transmission_id ORDER BY min(row_id)
                """));
        Assert.Equal(
            [$"{first.TransmissionId} accepted  0 {outboxIds[0]}", $"{leased.TransmissionId} forwarding forwarding to ap-b 1 {outboxIds[1]} {lease.Token}",
                $"{last.TransmissionId} accepted  0 {outboxIds[3]}"],
            await RowsAsync("""
                SELECT concat_ws(' ', t.transmission_id, t.status, t.status_detail, o.attempts, o.outbox_id, o.claim_token)
                FROM transmission t JOIN outbox o USING (transmission_id) ORDER BY o.outbox_id
                """));
    }

    [Fact]
    public async Task Inbox_items_grouped_in_one_statement_keep_the_order_given_and_the_first_of_two_with_one_key()
    {
        var inbox = new InboxStore(_database.DataSource);
        NewInboxItem Item(int i, string messageId) => new(Guid.NewGuid(), _parties.Recipient, "ap-a",
            new InvoiceEnvelope("0009:55203253400646", "0009:73282932000074", "380", "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0",
                messageId, $"F-{i}", new DateOnly(2026, 11, 26), new string('0', 64)), new byte[] { (byte)i }, i == 0 ? null : $"trace-{i}", Accepted);
        NewInboxItem[] items = [Item(0, "m-1"), Item(1, "m-2"), Item(2, "m-1"), Item(3, "m-3")];

        var stored = await inbox.TryInsertAsync([.. items.Select(i => new InboxDelivery(i, []))], Ct);

        Assert.Equal([true, true, false, true], stored);
        Assert.Equal([$"{items[0].InboxItemId} 00 F-0", $"{items[1].InboxItemId} 01 F-1 trace-1", $"{items[3].InboxItemId} 03 F-3 trace-3"],
            await RowsAsync("SELECT concat_ws(' ', inbox_item_id, encode(document, 'hex'), invoice_number, trace_parent) FROM inbox_item ORDER BY inbox_seq"));
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
    public async Task A_batch_with_one_insert_that_fails_writes_none_of_them()
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
