using Npgsql;
using Qweeby.Routing.Data.Exchange;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Exchange;

/// <summary>
/// The stream numbering looks for unnumbered events from a window below the last ones it numbered (it never walks
/// the index entries every earlier numbering left behind); an event whose transaction stayed open past that window
/// is found by a numbering from the lowest id, after the ones numbered meanwhile.
/// </summary>
public sealed class EventNumberingTests : IAsyncLifetime
{
    private const int Limit = 5_000;
    private TestDatabase _db = null!;
    private TransmissionEventLog _log = null!;
    private Guid _transmission;
    private Guid _entity;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await TestCredentials.MigrateAsync(_db);
        _log = new TransmissionEventLog(_db.DataSource);
        var entity = _entity = Guid.NewGuid();
        _transmission = Guid.NewGuid();
        await ExecAsync(_db.DataSource, "INSERT INTO entity (entity_id, kind, legal_name, country) VALUES ($1, 'company', 'Sender', 'FR')", entity);
        await ExecAsync(_db.DataSource, """
            INSERT INTO transmission (transmission_id, sender_entity_id, message_id, sender, recipient_reference, recipient_entity_id, recipient_id,
                document_type, process, invoice_number, issue_date, content_sha256, document, provider_id, provider_name, provider_endpoint,
                channel, chosen_because, status, accepted_at, updated_at)
            VALUES ($1, $2, 'm-1', '0009:1', '0009:2', $2, '0009:2', 'invoice', 'billing', 'F-1', '2026-11-26', '', '\x00', 'p', 'P', 'https://p',
                'interoperability', 'default', 'accepted', now(), now())
            """, _transmission, entity);
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task An_event_committed_late_within_the_window_is_numbered_by_the_next_numbering()
    {
        await using var open = await _db.DataSource.OpenConnectionAsync();
        await using var straggler = await open.BeginTransactionAsync();
        var late = await InsertEventAsync(open, id: null);
        var meanwhile = await InsertEventAsync(_db.DataSource, late + 10);
        Assert.Equal(1, await _log.SequenceAsync(Limit, fromLowest: false, TestContext.Current.CancellationToken));

        await straggler.CommitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, await _log.SequenceAsync(Limit, fromLowest: false, TestContext.Current.CancellationToken));

        Assert.True(await SeqAsync(late) > await SeqAsync(meanwhile));
    }

    [Fact]
    public async Task An_event_committed_after_the_window_moved_past_it_waits_for_a_numbering_from_the_lowest_id()
    {
        await using var open = await _db.DataSource.OpenConnectionAsync();
        await using var straggler = await open.BeginTransactionAsync();
        var late = await InsertEventAsync(open, id: null);
        var meanwhile = await InsertEventAsync(_db.DataSource, late + EventNumbering.Window + 10);
        Assert.Equal(1, await _log.SequenceAsync(Limit, fromLowest: false, TestContext.Current.CancellationToken));

        await straggler.CommitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, await _log.SequenceAsync(Limit, fromLowest: false, TestContext.Current.CancellationToken));
        Assert.Null(await SeqAsync(late));

        Assert.Equal(1, await _log.SequenceAsync(Limit, fromLowest: true, TestContext.Current.CancellationToken));
        Assert.True(await SeqAsync(late) > await SeqAsync(meanwhile));
        Assert.Equal(await SeqAsync(late), await _log.CurrentPositionAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Numbers_follow_on_from_the_head_without_gaps_or_repeats()
    {
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
            ids.Add(await InsertEventAsync(_db.DataSource, id: null));
        Assert.Equal(5, await _log.SequenceAsync(Limit, fromLowest: false, TestContext.Current.CancellationToken));
        for (var i = 0; i < 3; i++)
            ids.Add(await InsertEventAsync(_db.DataSource, id: null));
        Assert.Equal(3, await _log.SequenceAsync(3, fromLowest: true, TestContext.Current.CancellationToken));
        Assert.Equal(0, await _log.SequenceAsync(Limit, fromLowest: true, TestContext.Current.CancellationToken));

        var numbers = new List<long?>();
        foreach (var id in ids)
            numbers.Add(await SeqAsync(id));
        Assert.Equal(Enumerable.Range(1, 8).Select(n => (long?)n), numbers);
        Assert.Equal(8, await _log.CurrentPositionAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_status_attached_to_its_recipient_long_after_it_was_numbered_gets_a_recipient_number_from_the_next_numbering()
    {
        var ct = TestContext.Current.CancellationToken;
        var deposited = await InsertStatusAsync(id: null, recipient: null);
        Assert.Equal(1, await _log.SequenceAsync(Limit, fromLowest: false, ct));
        // Later invoices move the window far past it while it waits in the outbox.
        var later = await InsertStatusAsync(deposited + EventNumbering.Window + 10, recipient: null);
        Assert.Equal(1, await _log.SequenceAsync(Limit, fromLowest: false, ct));

        // Its local delivery attaches it to the recipient, queues it for a recipient number, and adds the recipient's own status.
        await ExecAsync(_db.DataSource, """
            WITH attached AS (UPDATE lifecycle_status SET recipient_entity_id = $2 WHERE row_id = $1 RETURNING row_id, seq)
            INSERT INTO status_attached (row_id) SELECT row_id FROM attached WHERE seq IS NOT NULL
            """, deposited, _entity);
        var received = await InsertStatusAsync(later + 1, recipient: _entity);
        Assert.Equal(2, await _log.SequenceAsync(Limit, fromLowest: false, ct));
        Assert.Equal(0, await _log.SequenceAsync(Limit, fromLowest: true, ct));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM status_attached"));

        var (depositedSeq, depositedForRecipient) = await NumbersAsync(deposited);
        var (laterSeq, laterForRecipient) = await NumbersAsync(later);
        var (receivedSeq, receivedForRecipient) = await NumbersAsync(received);
        Assert.Equal(1, depositedSeq);
        Assert.Null(laterForRecipient);
        Assert.True(depositedForRecipient > laterSeq, "after what the recipient may have read since");
        Assert.True(depositedForRecipient < receivedForRecipient, "in the recipient's stream, before the status its delivery added");
        Assert.Equal(receivedSeq, receivedForRecipient);
    }

    private async Task<long> InsertStatusAsync(long? id, Guid? recipient)
    {
        await using var cmd = _db.DataSource.CreateCommand("""
            INSERT INTO lifecycle_status (row_id, transmission_id, sender_entity_id, recipient_entity_id, status_id, code, at, set_by, set_by_caller,
                platform_id, recorded_at)
            VALUES (coalesce($1, nextval('lifecycle_status_row_id_seq')), $2, $3, $4, gen_random_uuid(), 200, now(), 'platform', 'tests', 'p', now())
            RETURNING row_id
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)id ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new NpgsqlParameter { Value = _transmission });
        cmd.Parameters.Add(new NpgsqlParameter { Value = _entity });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)recipient ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var cmd = _db.DataSource.CreateCommand(sql);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task<(long? Seq, long? RecipientSeq)> NumbersAsync(long rowId)
    {
        await using var cmd = _db.DataSource.CreateCommand("SELECT seq, recipient_seq FROM lifecycle_status WHERE row_id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = rowId });
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        return (r.IsDBNull(0) ? null : r.GetInt64(0), r.IsDBNull(1) ? null : r.GetInt64(1));
    }

    private async Task<long> InsertEventAsync(NpgsqlConnection connection, long? id)
    {
        await using var cmd = new NpgsqlCommand(InsertEvent(id), connection);
        return await InsertAsync(cmd, id);
    }

    private async Task<long> InsertEventAsync(NpgsqlDataSource dataSource, long? id)
    {
        await using var cmd = dataSource.CreateCommand(InsertEvent(id));
        return await InsertAsync(cmd, id);
    }

    private static string InsertEvent(long? id) => id is null
        ? "INSERT INTO transmission_event (transmission_id, sender_entity_id, status, at) SELECT transmission_id, sender_entity_id, 'accepted', now() FROM transmission WHERE transmission_id = $1 RETURNING event_id"
        : "INSERT INTO transmission_event (event_id, transmission_id, sender_entity_id, status, at) SELECT $2, transmission_id, sender_entity_id, 'accepted', now() FROM transmission WHERE transmission_id = $1 RETURNING event_id";

    private async Task<long> InsertAsync(NpgsqlCommand cmd, long? id)
    {
        cmd.Parameters.Add(new NpgsqlParameter { Value = _transmission });
        if (id is { } explicitId)
            cmd.Parameters.Add(new NpgsqlParameter { Value = explicitId });
        return (long)(await cmd.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private async Task<long?> SeqAsync(long eventId)
    {
        await using var cmd = _db.DataSource.CreateCommand("SELECT seq FROM transmission_event WHERE event_id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = eventId });
        return await cmd.ExecuteScalarAsync(TestContext.Current.CancellationToken) is long seq ? seq : null;
    }

    private static async Task ExecAsync(NpgsqlDataSource dataSource, string sql, params object[] values)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        foreach (var value in values)
            cmd.Parameters.Add(new NpgsqlParameter { Value = value });
        await cmd.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
