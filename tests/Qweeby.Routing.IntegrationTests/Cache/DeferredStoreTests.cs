using Qweeby.Routing.Data.Cache;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Cache;

/// <summary>
/// A read answers once its value is loaded and stores it afterwards; facts a loader found alongside the ones asked
/// for are stored too, unless any invalidation ran since the read.
/// </summary>
public sealed class DeferredStoreTests : IAsyncLifetime
{
    private readonly string _prefix = Keys.Unique();
    private readonly FactSource _source = new();
    private CacheNode _host = null!;

    public async ValueTask InitializeAsync() => _host = await CacheNode.StartAsync(TestEnvironment.Redis, _prefix);

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static CachedFact Of(CacheKey key) => new(key, typeof(Fact));

    /// <summary>Reads <paramref name="asked"/>, whose loader also hands back <paramref name="alongside"/> as "found".</summary>
    private Task<IReadOnlyList<object?>> ReadWithAlongsideAsync(CacheNode host, CacheKey asked, CacheKey alongside, Func<Task>? whileLoading = null) =>
        host.Cache.GetOrLoadFactsAsync([Of(asked)], async (missing, c) =>
        {
            var loaded = await _source.LoadManyAsync(missing.Select(f => f.Key).ToArray(), c);
            if (whileLoading is not null)
                await whileLoading();
            return new LoadedFacts(loaded.ToDictionary(p => p.Key, p => (object?)p.Value))
            {
                Alongside = [new FoundFact(Of(alongside), new Fact("found"))],
            };
        }, Ct).AsTask();

    private Task<Fact?> ReadAsync(CacheNode host, CacheKey key) =>
        host.Cache.GetOrLoadAsync<Fact>(key, c => _source.LoadAsync(key, c), Ct).AsTask();

    [Fact]
    public async Task A_fact_found_alongside_is_cached_for_every_host()
    {
        var asked = CacheKeys.Entity(Guid.NewGuid());
        var alongside = CacheKeys.Entity(Guid.NewGuid());
        _source.Set(asked, "asked");

        Assert.Equal([new Fact("asked")], await ReadWithAlongsideAsync(_host, asked, alongside));
        Assert.Equal(new Fact("asked"), await ReadAsync(_host, asked)); // waits for the store if it is still running
        await using var other = await CacheNode.StartAsync(TestEnvironment.Redis, _prefix);

        Assert.Equal(new Fact("found"), await ReadAsync(other, alongside));
        Assert.Equal(1, _source.LoadCount);
        Assert.Equal(1, other.Counters.L2Hits);
    }

    [Fact]
    public async Task A_fact_found_alongside_is_not_cached_when_any_invalidation_ran_during_its_load()
    {
        var asked = CacheKeys.Entity(Guid.NewGuid());
        var alongside = CacheKeys.Entity(Guid.NewGuid());
        var unrelated = CacheKeys.Entity(Guid.NewGuid());
        _source.Set(asked, "asked");
        _source.Set(alongside, "from the source");
        await using var writer = await CacheNode.StartAsync(TestEnvironment.Redis, _prefix);

        // Its generation was never read: any invalidation may have been of it, so none may have run since the read.
        await ReadWithAlongsideAsync(_host, asked, alongside, async () => Assert.True(await writer.Cache.InvalidateAsync([unrelated], Ct)));
        await ReadAsync(_host, asked);
        await using var other = await CacheNode.StartAsync(TestEnvironment.Redis, _prefix);

        Assert.Equal(new Fact("from the source"), await ReadAsync(other, alongside));
        Assert.Equal(new Fact("asked"), await ReadAsync(other, asked));
        Assert.Equal(1, other.Counters.L2Hits); // the fact asked for, whose own generation did not change
    }

    [Fact]
    public async Task A_fact_found_alongside_is_not_stored_over_an_invalidation_of_it()
    {
        var asked = CacheKeys.Entity(Guid.NewGuid());
        var alongside = CacheKeys.Entity(Guid.NewGuid());
        _source.Set(asked, "asked");
        _source.Set(alongside, "after");

        await ReadWithAlongsideAsync(_host, asked, alongside, async () => Assert.True(await _host.Cache.InvalidateAsync([alongside], Ct)));
        await ReadAsync(_host, asked);

        Assert.Equal(new Fact("after"), await ReadAsync(_host, alongside));
        await using var other = await CacheNode.StartAsync(TestEnvironment.Redis, _prefix);
        Assert.Equal(new Fact("after"), await ReadAsync(other, alongside));
    }

    [Fact]
    public async Task A_read_answers_before_its_store_and_the_next_read_on_the_host_waits_for_that_store_rather_than_load_again()
    {
        await using var redis = await PrivateRedis.StartAsync();
        await using var host = await CacheNode.StartAsync(redis.Endpoint, _prefix);
        var key = CacheKeys.Entity(Guid.NewGuid());
        _source.Set(key, "acme");

        Task<Fact?> second;
        await redis.PauseWritesAsync();
        try
        {
            // The store is a script that writes: held by the pause, while the read that loaded the value has answered.
            Assert.Equal(new Fact("acme"), await ReadAsync(host, key));
            second = ReadAsync(host, key);
            Assert.False(second.IsCompleted);
        }
        finally
        {
            await redis.ResumeWritesAsync();
        }

        Assert.Equal(new Fact("acme"), await second);
        Assert.Equal(1, _source.LoadCount);
        Assert.Equal(1, host.Counters.L1Hits);
    }
}
