using System.Collections.Concurrent;
using System.Text.Json;
using Qweeby.Routing.Data.Cache;
using Qweeby.Routing.IntegrationTests.Infrastructure;
using StackExchange.Redis;

namespace Qweeby.Routing.IntegrationTests.Cache;

/// <summary>Two hosts (two caches with their own multiplexers) over one Redis and one key prefix.</summary>
public sealed class DirectoryCacheInvalidationTests : IAsyncLifetime
{
    private readonly string _prefix = Keys.Unique();
    private readonly FactSource _source = new();
    private CacheNode _a = null!;
    private CacheNode _b = null!;

    public async ValueTask InitializeAsync()
    {
        _a = await CacheNode.StartAsync(TestEnvironment.Redis, _prefix);
        _b = await CacheNode.StartAsync(TestEnvironment.Redis, _prefix);
    }

    public async ValueTask DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<Fact?> ReadAsync(CacheNode host, CacheKey key) =>
        host.Cache.GetOrLoadAsync<Fact>(key, c => _source.LoadAsync(key, c), Ct).AsTask();

    [Fact]
    public async Task An_invalidation_of_tens_of_thousands_of_keys_is_published_in_messages_of_at_most_ten_thousand()
    {
        var keys = Enumerable.Range(0, 25_000).Select(_ => CacheKeys.Entity(Guid.NewGuid())).ToArray();
        await using var listener = await ConnectionMultiplexer.ConnectAsync(TestEnvironment.Redis);
        var messages = new ConcurrentQueue<string[]>();
        await listener.GetSubscriber().SubscribeAsync(RedisChannel.Literal($"{_prefix}:invalidate"),
            (_, message) => messages.Enqueue(JsonSerializer.Deserialize<string[]>(message.ToString())!));

        Assert.True(await _a.Cache.InvalidateAsync(keys, Ct));

        await Eventually.True(() => Task.FromResult(messages.Sum(m => m.Length) >= keys.Length), TimeSpan.FromSeconds(5), "every key published");
        Assert.Equal(3, messages.Count);
        Assert.All(messages, m => Assert.InRange(m.Length, 1, RedisLayer.MaxKeysPerScript));
        Assert.Equal(keys.Select(k => k.Name).Order(StringComparer.Ordinal), messages.SelectMany(m => m).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_invalidation_on_one_host_is_seen_by_the_very_next_read_on_another_through_redis()
    {
        var key = CacheKeys.Entity(Guid.NewGuid());
        _source.Set(key, "before");
        await ReadAsync(_a, key);

        _source.Set(key, "after");
        Assert.True(await _a.Cache.InvalidateAsync([key], Ct));

        Assert.Equal(new Fact("after"), await ReadAsync(_b, key));
        Assert.Equal(0, _b.Counters.L2Hits);
    }

    [Fact]
    public async Task An_invalidation_on_one_host_evicts_the_value_another_host_holds_in_memory()
    {
        var key = CacheKeys.Entity(Guid.NewGuid());
        _source.Set(key, "before");
        await ReadAsync(_a, key);
        await ReadAsync(_b, key);
        Assert.Equal(new Fact("before"), await ReadAsync(_b, key));
        Assert.Equal(1, _b.Counters.L1Hits);

        _source.Set(key, "after");
        Assert.True(await _a.Cache.InvalidateAsync([key], Ct));

        // L1 hits touch no network: B drops its copy when the published message reaches it, well under a millisecond
        // on loopback, but not necessarily before A's call returns.
        await Eventually.True(async () => await ReadAsync(_b, key) == new Fact("after"), TimeSpan.FromSeconds(5), "B to read the new value");
        Assert.Equal(new Fact("after"), await ReadAsync(_a, key));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_load_that_began_before_an_invalidation_does_not_store_its_stale_value(bool writerIsAnotherHost)
    {
        var key = CacheKeys.Entity(Guid.NewGuid());
        var loading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var staleRead = _a.Cache.GetOrLoadAsync<Fact>(key, async c =>
        {
            loading.SetResult();
            await release.Task.WaitAsync(c);
            return new Fact("before");
        }, Ct).AsTask();
        await loading.Task.WaitAsync(Ct);

        _source.Set(key, "after");
        var writer = writerIsAnotherHost ? _b : _a;
        Assert.True(await writer.Cache.InvalidateAsync([key], Ct));
        release.SetResult();
        Assert.Equal(new Fact("before"), await staleRead);

        Assert.Equal(new Fact("after"), await ReadAsync(_a, key));
        await using var fresh = await CacheNode.StartAsync(TestEnvironment.Redis, _prefix);
        Assert.Equal(new Fact("after"), await ReadAsync(fresh, key));
    }

    [Fact]
    public async Task Callers_arriving_after_an_invalidation_do_not_join_a_load_that_began_before_it()
    {
        var key = CacheKeys.Entity(Guid.NewGuid());
        var loading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var staleRead = _a.Cache.GetOrLoadAsync<Fact>(key, async c =>
        {
            loading.SetResult();
            await release.Task.WaitAsync(c);
            return new Fact("before");
        }, Ct).AsTask();
        await loading.Task.WaitAsync(Ct);

        _source.Set(key, "after");
        Assert.True(await _a.Cache.InvalidateAsync([key], Ct));

        Assert.Equal(new Fact("after"), await ReadAsync(_a, key));
        release.SetResult();
        await staleRead;
    }
}
