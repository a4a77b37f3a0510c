using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.IntegrationTests.Exchange;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Resilience;

/// <summary>A's Redis (a private one) goes away and comes back empty: the exchange goes on.</summary>
public sealed class RedisOutageExchangeTests : IAsyncDisposable
{
    private ExchangePeers? _peers;
    private PrivateRedis? _redis;

    [Fact]
    public async Task Submit_and_watch_go_on_while_As_redis_is_down_and_after_it_returns_empty()
    {
        _redis = await PrivateRedis.StartAsync();
        var peers = _peers = await ExchangePeers.StartAsync([$"--ConnectionStrings:Redis={_redis.Endpoint}"]);
        var pair = await peers.PairAsync();
        var first = await peers.ClientA.SubmitAsync(Invoices.Submit(pair.Sender, pair.Recipient));
        await peers.ClientA.StatusAsync(first.TransmissionId, TransmissionStatus.Delivered);

        await _redis.KillAsync();
        using var watch = peers.ClientA.WatchTransmissions(new WatchTransmissionsRequest { Sender = pair.Sender });
        await watch.ResponseHeadersAsync.WaitAsync(TimeSpan.FromSeconds(10));
        var during = await peers.ClientA.SubmitAsync(Invoices.Submit(pair.Sender, pair.Recipient)).ResponseAsync.WaitAsync(TimeSpan.FromSeconds(10));
        await peers.ClientA.StatusAsync(during.TransmissionId, TransmissionStatus.Delivered);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var seen = new List<TransmissionEvent>();
        while (!seen.Any(e => e.TransmissionId == during.TransmissionId && e.Status == TransmissionStatus.Delivered)
               && await watch.ResponseStream.MoveNext(cancel.Token))
            seen.Add(watch.ResponseStream.Current);

        await _redis.RestartAsync();
        var after = await peers.ClientA.SubmitAsync(Invoices.Submit(pair.Sender, pair.Recipient));
        await peers.ClientA.StatusAsync(after.TransmissionId, TransmissionStatus.Delivered);

        Assert.Equal(1, await peers.SeedB.CountAsync("SELECT count(*) FROM inbox_item WHERE message_id = $1", during.MessageId));
    }

    public async ValueTask DisposeAsync()
    {
        if (_peers is not null)
            await _peers.DisposeAsync();
        if (_redis is not null)
            await _redis.DisposeAsync();
    }
}
