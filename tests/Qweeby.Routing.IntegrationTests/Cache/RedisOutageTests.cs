using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Qweeby.Routing.Data.Cache;
using Qweeby.Routing.Data.Postgres;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Cache;

/// <summary>Each test stops and restarts a Redis of its own; the shared one is never touched.</summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly string _prefix = Keys.Unique();
    private readonly FactSource _source = new();
    private PrivateRedis _redis = null!;

    public async ValueTask InitializeAsync() => _redis = await PrivateRedis.StartAsync();

    public async ValueTask DisposeAsync() => await _redis.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<Fact?> ReadAsync(CacheNode host, CacheKey key) =>
        host.Cache.GetOrLoadAsync<Fact>(key, c => _source.LoadAsync(key, c), Ct).AsTask();

    [Fact]
    public async Task While_redis_is_down_reads_answer_from_the_loader_count_as_degraded_and_one_warning_is_logged()
    {
        await using var host = await CacheNode.StartAsync(_redis.Endpoint, _prefix);
        var key = CacheKeys.Entity(Guid.NewGuid());
        _source.Set(key, "acme");
        await ReadAsync(host, key);
        await ReadAsync(host, key);
        Assert.Equal(1, _source.LoadCount);

        await _redis.KillAsync();
        await Eventually.True(() => Task.FromResult(!host.Cache.UsesRedis), Patience, "the cache to notice Redis is gone");
        for (var i = 0; i < 5; i++)
            Assert.Equal(new Fact("acme"), await ReadAsync(host, key));

        Assert.Equal(6, _source.LoadCount);
        Assert.Equal(5, host.Counters.DegradedReads);
        Assert.Single(host.Logger.Entries, e => e.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task After_redis_returns_reads_use_the_cache_again_and_memory_was_cleared()
    {
        await using var host = await CacheNode.StartAsync(_redis.Endpoint, _prefix);
        var key = CacheKeys.Entity(Guid.NewGuid());
        _source.Set(key, "before");
        await ReadAsync(host, key);

        await _redis.KillAsync();
        await Eventually.True(() => Task.FromResult(!host.Cache.UsesRedis), Patience, "the cache to notice Redis is gone");
        // Changed without an invalidation reaching this host: one published while its subscription was down.
        _source.Set(key, "after");
        await _redis.RestartAsync();
        await Eventually.True(() => Task.FromResult(host.Cache.UsesRedis), Patience, "the cache to use Redis again");
        var loads = _source.LoadCount;
        var hits = host.Counters.L1Hits;

        Assert.Equal(new Fact("after"), await ReadAsync(host, key));
        Assert.Equal(new Fact("after"), await ReadAsync(host, key));
        Assert.Equal(loads + 1, _source.LoadCount);
        Assert.Equal(hits + 1, host.Counters.L1Hits);
        Assert.Contains(host.Logger.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("uses Redis again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_invalidation_recorded_while_redis_was_down_is_published_when_it_returns()
    {
        await using var database = await TestDatabase.CreateAsync();
        await new MigrationRunner(database.DataSource, NullLogger<MigrationRunner>.Instance).MigrateAsync(Ct);
        var facts = await FactTable.CreateAsync(database.DataSource);
        var log = new CacheInvalidationLog(database.DataSource, TimeProvider.System);
        var key = CacheKeys.Entity(Guid.NewGuid());
        await facts.InsertAsync(key, "before");
        await using var host = await CacheNode.StartAsync(_redis.Endpoint, _prefix, log);
        var writes = new DirectoryWrite(database.DataSource, log, host.Cache, NullLogger<DirectoryWrite>.Instance);
        Assert.Equal(new Fact("before"), await host.Cache.GetOrLoadAsync<Fact>(key, c => facts.LoadAsync(key, c), Ct));

        // Redis comes back with its data (as after a network partition): its copy of the value is stale.
        await _redis.SaveAsync();
        await _redis.KillAsync();
        await Eventually.True(() => Task.FromResult(!host.Cache.UsesRedis), Patience, "the cache to notice Redis is gone");
        await writes.RunAsync((tx, c) => FactTable.UpdateAsync(tx, key, "after", c), Ct);
        Assert.Equal(1, await facts.PendingInvalidationsAsync());
        Assert.Equal(new Fact("after"), await host.Cache.GetOrLoadAsync<Fact>(key, c => facts.LoadAsync(key, c), Ct));

        await _redis.RestartAsync();
        await Eventually.True(() => Task.FromResult(host.Cache.UsesRedis), Patience, "the cache to use Redis again");

        Assert.Equal(0, await facts.PendingInvalidationsAsync());
        Assert.Equal(new Fact("after"), await host.Cache.GetOrLoadAsync<Fact>(key, c => facts.LoadAsync(key, c), Ct));
        await using var other = await CacheNode.StartAsync(_redis.Endpoint, _prefix, log);
        Assert.Equal(new Fact("after"), await other.Cache.GetOrLoadAsync<Fact>(key, c => facts.LoadAsync(key, c), Ct));
    }
}
