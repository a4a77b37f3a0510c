using Qweeby.Routing.Data.Cache;
using Qweeby.Routing.IntegrationTests.Infrastructure;
using StackExchange.Redis;

namespace Qweeby.Routing.IntegrationTests.Cache;

/// <summary>
/// Keys share a bounded set of generations in Redis: an invalidation of millions of keys (a national mirror
/// import) leaves at most <see cref="RedisKeyspace.GenerationBuckets"/> of them, and a load that an invalidation
/// of a key of its bucket ran across is not stored (it loads again next time).
/// </summary>
public sealed class GenerationBucketTests : IAsyncLifetime
{
    private readonly string _prefix = Keys.Unique();
    private readonly FactSource _source = new();
    private CacheNode _host = null!;

    public async ValueTask InitializeAsync() => _host = await CacheNode.StartAsync(TestEnvironment.Redis, _prefix);

    public async ValueTask DisposeAsync()
    {
        if (_host is null)
            return;
        await DeleteKeysAsync();
        await _host.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Invalidating_more_keys_than_buckets_leaves_no_more_generations_than_buckets()
    {
        const int invalidated = 2 * RedisKeyspace.GenerationBuckets;
        var sirens = new Random(7);
        for (var batch = 0; batch < 8; batch++)
        {
            var keys = Enumerable.Range(0, invalidated / 8).Select(_ => CacheKeys.Lines($"{sirens.Next(100_000_000, 999_999_999)}")).ToArray();
            Assert.True(await _host.Cache.InvalidateAsync(keys, Ct));
        }

        var generations = await CountKeysAsync($"{_prefix}:gen:*");
        Assert.InRange(generations, RedisKeyspace.GenerationBuckets / 2, RedisKeyspace.GenerationBuckets);
    }

    [Fact]
    public async Task A_load_across_an_invalidation_of_another_key_of_its_bucket_is_not_stored_and_loads_again()
    {
        var (read, sibling) = TwoKeysOfOneBucket();
        _source.Set(read, "loaded");

        var first = await _host.Cache.GetOrLoadAsync<Fact>(read, async c =>
        {
            Assert.True(await _host.Cache.InvalidateAsync([sibling], c));
            return await _source.LoadAsync(read, c);
        }, Ct);
        await _host.Cache.StoresSettledAsync();
        await using var other = await CacheNode.StartAsync(TestEnvironment.Redis, _prefix);
        var second = await other.Cache.GetOrLoadAsync<Fact>(read, c => _source.LoadAsync(read, c), Ct);
        await other.Cache.StoresSettledAsync();
        await using var third = await CacheNode.StartAsync(TestEnvironment.Redis, _prefix);
        var cached = await third.Cache.GetOrLoadAsync<Fact>(read, c => _source.LoadAsync(read, c), Ct);

        Assert.Equal(new Fact?[] { new("loaded"), new("loaded"), new("loaded") }, new[] { first, second, cached });
        Assert.Equal(2, _source.LoadCount); // the refused store, then the one that stayed
        Assert.Equal((0, 1), (other.Counters.L2Hits, third.Counters.L2Hits));
    }

    [Fact]
    public async Task Invalidating_thousands_of_cached_keys_at_once_deletes_every_value()
    {
        // More than the script's chunks of 1,000, and not a multiple of them.
        var keys = Enumerable.Range(0, 2_500).Select(_ => CacheKeys.Entity(Guid.NewGuid())).ToArray();
        foreach (var key in keys)
            _source.Set(key, "cached");
        await _host.Cache.GetOrLoadFactsAsync(keys.Select(k => new CachedFact(k, typeof(Fact))).ToArray(), async (missing, c) =>
            new LoadedFacts((await _source.LoadManyAsync(missing.Select(f => f.Key).ToArray(), c)).ToDictionary(p => p.Key, p => (object?)p.Value)), Ct);
        await _host.Cache.StoresSettledAsync();
        var keyspace = new RedisKeyspace(_prefix);
        var values = keys.Select(k => keyspace.Value(k)).ToArray();
        Assert.Equal(keys.Length, (await _host.Redis.GetDatabase().StringGetAsync(values)).Count(v => v.HasValue));

        Assert.True(await _host.Cache.InvalidateAsync(keys, Ct));

        Assert.Equal(0, (await _host.Redis.GetDatabase().StringGetAsync(values)).Count(v => v.HasValue));
    }

    private (CacheKey Read, CacheKey Sibling) TwoKeysOfOneBucket()
    {
        var keyspace = new RedisKeyspace(_prefix);
        var seen = new Dictionary<RedisKey, CacheKey>();
        // A few hundred keys find two of one bucket (the birthday bound of 65,536); a hundred thousand, if buckets are shared at all.
        for (var i = 0; i < 100_000; i++)
        {
            var key = CacheKeys.Entity(Guid.NewGuid());
            if (seen.TryGetValue(keyspace.Generation(key), out var sibling))
                return (key, sibling);
            seen[keyspace.Generation(key)] = key;
        }
        throw new InvalidOperationException("no two keys share a generation");
    }

    private async Task<int> CountKeysAsync(string pattern)
    {
        var server = _host.Redis.GetServer(_host.Redis.GetEndPoints()[0]);
        var count = 0;
        await foreach (var _ in server.KeysAsync(pattern: pattern, pageSize: 10_000).WithCancellation(Ct))
            count++;
        return count;
    }

    private async Task DeleteKeysAsync()
    {
        var server = _host.Redis.GetServer(_host.Redis.GetEndPoints()[0]);
        var keys = new List<RedisKey>();
        await foreach (var key in server.KeysAsync(pattern: $"{_prefix}:*", pageSize: 10_000))
            keys.Add(key);
        foreach (var chunk in keys.Chunk(10_000))
            await _host.Redis.GetDatabase().KeyDeleteAsync(chunk);
    }
}
