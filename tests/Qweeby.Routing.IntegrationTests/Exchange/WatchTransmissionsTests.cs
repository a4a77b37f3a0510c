using Grpc.Core;
using Npgsql;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Exchange;

/// <summary>A sender's status stream: the backlog after a cursor, then live events, resumable without loss or repetition.</summary>
public sealed class WatchTransmissionsTests(ExchangeFixture fx) : IClassFixture<ExchangeFixture>
{
    private static readonly TransmissionStatus[] Lifecycle = [TransmissionStatus.Accepted, TransmissionStatus.Forwarding, TransmissionStatus.Delivered];
    private ExchangePeers Peers => fx.Peers;

    [Fact]
    public async Task A_watch_resumed_from_its_last_cursor_misses_no_event_and_repeats_none()
    {
        var pair = await Peers.PairAsync();
        // Transmission status changes and lifecycle statuses share the stream; this test counts the former.
        var received = new List<TransmissionEvent>();
        int Changes() => received.Count(e => e.Lifecycle is null);

        // First connection: from now, while the first invoices travel; it drops after a few events.
        using (var first = Peers.ClientA.WatchTransmissions(new WatchTransmissionsRequest { Sender = pair.Sender }))
        {
            await first.ResponseHeadersAsync;
            var submitted = await SubmitAsync(pair, 5);
            while (Changes() < 4 && await first.ResponseStream.MoveNext(TestContext.Current.CancellationToken))
                received.Add(first.ResponseStream.Current);
            Assert.Equal(5, submitted.Count);
        }
        // While disconnected, more invoices are accepted and delivered.
        var later = await SubmitAsync(pair, 5);
        foreach (var id in later)
            await Peers.ClientA.StatusAsync(id, TransmissionStatus.Delivered);

        // Second connection: from the last cursor received, until every invoice's lifecycle is complete.
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromSeconds(30));
        using (var resumed = Peers.ClientA.WatchTransmissions(new WatchTransmissionsRequest { Sender = pair.Sender, Cursor = received[^1].Cursor }))
        {
            while (Changes() < 30 && await resumed.ResponseStream.MoveNext(cancel.Token))
                received.Add(resumed.ResponseStream.Current);
        }

        Assert.Equal(30, Changes());
        Assert.Equal(received.Count, received.Select(e => e.Cursor).Distinct().Count());
        foreach (var transmission in received.GroupBy(e => e.TransmissionId))
        {
            Assert.Equal(Lifecycle, transmission.Where(e => e.Lifecycle is null).Select(e => e.Status));
            var statuses = transmission.Where(e => e.Lifecycle is not null).Select(e => (int)e.Lifecycle.Code).ToList();
            Assert.Equal(new[] { 200, 201, 202, 203 }.Take(statuses.Count), statuses);
        }
    }

    [Fact]
    public async Task A_transaction_left_open_elsewhere_does_not_hold_the_stream_back()
    {
        var pair = await Peers.PairAsync();
        await using var idle = await Peers.DatabaseA.DataSource.OpenConnectionAsync();
        await using var open = await idle.BeginTransactionAsync();
        await using (var takeXid = new NpgsqlCommand("SELECT pg_current_xact_id()", idle, open))
            await takeXid.ExecuteScalarAsync();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromSeconds(20));
        var received = new List<TransmissionEvent>();

        using (var watch = Peers.ClientA.WatchTransmissions(new WatchTransmissionsRequest { Sender = pair.Sender }))
        {
            await watch.ResponseHeadersAsync;
            await SubmitAsync(pair, 1);
            while (received.Count(e => e.Lifecycle is null) < 3 && await watch.ResponseStream.MoveNext(cancel.Token))
                received.Add(watch.ResponseStream.Current);
        }

        Assert.Equal(Lifecycle, received.Where(e => e.Lifecycle is null).Select(e => e.Status));
        await open.RollbackAsync();
    }

    [Fact]
    public async Task An_event_whose_transaction_stayed_open_past_the_numbering_window_reaches_the_stream_by_the_sweep()
    {
        var pair = await Peers.PairAsync();
        var transmissionId = (await SubmitAsync(pair, 1))[0];
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromSeconds(20));
        using var watch = Peers.ClientA.WatchTransmissions(new WatchTransmissionsRequest { Sender = pair.Sender });
        await watch.ResponseHeadersAsync;

        await using (var connection = await Peers.DatabaseA.DataSource.OpenConnectionAsync(cancel.Token))
        {
            await using var open = await connection.BeginTransactionAsync(cancel.Token);
            await using (var insert = new NpgsqlCommand("""
                INSERT INTO transmission_event (transmission_id, sender_entity_id, status, detail, at)
                SELECT transmission_id, sender_entity_id, 'delivered', 'straggler', now() FROM transmission WHERE transmission_id = $1::uuid
                RETURNING event_id
                """, connection, open) { Parameters = { new() { Value = transmissionId } } })
            {
                var eventId = (long)(await insert.ExecuteScalarAsync(cancel.Token))!;
                // As if 20,000 later events had been numbered meanwhile: numberings now look above this one.
                await using var moved = Peers.DatabaseA.DataSource.CreateCommand("UPDATE stream_head SET events_from = greatest(events_from, $1 + 1)");
                moved.Parameters.Add(new NpgsqlParameter { Value = eventId });
                await moved.ExecuteNonQueryAsync(cancel.Token);
            }
            await open.CommitAsync(cancel.Token);
        }

        TransmissionEvent? straggler = null;
        while (straggler is null && await watch.ResponseStream.MoveNext(cancel.Token))
            if (watch.ResponseStream.Current.Detail == "straggler")
                straggler = watch.ResponseStream.Current;
        Assert.Equal(transmissionId, straggler?.TransmissionId);
    }

    [Fact]
    public async Task A_cursor_that_was_not_given_by_the_stream_is_refused()
    {
        var pair = await Peers.PairAsync();
        using var watch = Peers.ClientA.WatchTransmissions(new WatchTransmissionsRequest { Sender = pair.Sender, Cursor = "yesterday" });

        var refused = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => watch.ResponseStream.MoveNext(TestContext.Current.CancellationToken));

        Assert.Equal("cursor", Assert.Single(refused.Violations()).Field);
    }

    private async Task<List<string>> SubmitAsync(TradingPair pair, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
            ids.Add((await Peers.ClientA.SubmitAsync(Invoices.Submit(pair.Sender, pair.Recipient))).TransmissionId);
        return ids;
    }
}
