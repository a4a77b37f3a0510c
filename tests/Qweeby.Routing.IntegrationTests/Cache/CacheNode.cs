using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Qweeby.Routing.Data.Cache;
using StackExchange.Redis;

namespace Qweeby.Routing.IntegrationTests.Cache;

/// <summary>One simulated host: a <see cref="DirectoryCache"/> with a multiplexer and meters of its own.</summary>
public sealed class CacheNode : IAsyncDisposable
{
    private readonly ServiceProvider _meters;

    private CacheNode(ConnectionMultiplexer redis, ServiceProvider meters, DirectoryCache cache, CacheCounters counters,
        RecordingLogger<DirectoryCache> logger)
    {
        Redis = redis;
        _meters = meters;
        Cache = cache;
        Counters = counters;
        Logger = logger;
    }

    public ConnectionMultiplexer Redis { get; }
    public DirectoryCache Cache { get; }
    public CacheCounters Counters { get; }
    public RecordingLogger<DirectoryCache> Logger { get; }

    public static async Task<CacheNode> StartAsync(string redisEndpoint, string keyPrefix, CacheInvalidationLog? log = null)
    {
        var config = ConfigurationOptions.Parse(redisEndpoint);
        config.AbortOnConnectFail = false;
        config.ConnectTimeout = 2_000;
        // Tests stop and restart Redis: reconnect within a fraction of a second.
        config.ReconnectRetryPolicy = new LinearRetry(100);
        var redis = await ConnectionMultiplexer.ConnectAsync(config);
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = meters.GetRequiredService<IMeterFactory>();
        var counters = new CacheCounters(meterFactory);
        var logger = new RecordingLogger<DirectoryCache>();
        var cache = new DirectoryCache(
            redis,
            Options.Create(new CacheOptions { KeyPrefix = keyPrefix }),
            Options.Create(new CacheJsonOptions()),
            meterFactory,
            TimeProvider.System,
            logger,
            log);
        await cache.StartAsync(TestContext.Current.CancellationToken);
        return new CacheNode(redis, meters, cache, counters, logger);
    }

    public async ValueTask DisposeAsync()
    {
        await Cache.DisposeAsync();
        Counters.Dispose();
        await _meters.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
