using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace Qweeby.Routing.Data.Cache;

/// <summary>
/// The two-level directory cache: L1 in process (bounded, short-lived), L2 in Redis (generation-checked
/// stores), invalidated on every host through Redis pub/sub. One per host; started with the host
/// (<see cref="IHostedService"/>) so that it subscribes before it serves from L1.
/// Cached objects are shared between callers: treat them as immutable.
/// </summary>
public sealed class DirectoryCache : IDirectoryCache, IHostedService, IAsyncDisposable
{
    private readonly CacheOptions _options;
    private readonly CacheSerializer _serializer;
    private readonly CacheMetrics _metrics;
    private readonly RedisLayer _redis;
    private readonly LocalLayer _local;
    private readonly SingleFlight _flights = new();
    private readonly RedisLink _link;
    private readonly CacheInvalidationLog? _pending;
    private readonly ILogger<DirectoryCache> _logger;
    private readonly CancellationTokenSource _disposing = new();
    private bool _relayFailing;

    /// <param name="pending">
    /// The durable invalidations, published before this host uses Redis again after an outage;
    /// null only where nothing writes through <see cref="CacheInvalidationLog"/>.
    /// </param>
    public DirectoryCache(
        IConnectionMultiplexer redis,
        IOptions<CacheOptions> options,
        IOptions<CacheJsonOptions> json,
        IMeterFactory meters,
        TimeProvider time,
        ILogger<DirectoryCache> logger,
        CacheInvalidationLog? pending = null)
    {
        _options = options.Value;
        _serializer = new CacheSerializer(json.Value.SerializerOptions);
        _metrics = new CacheMetrics(meters);
        var keyspace = new RedisKeyspace(_options.KeyPrefix);
        _redis = new RedisLayer(redis, keyspace);
        _local = new LocalLayer(_options, time);
        _pending = pending;
        _logger = logger;
        _link = new RedisLink(redis, _redis, keyspace, EvictLocally, PrepareToUseRedisAsync, time, logger);
    }

    /// <summary>Whether reads use L1 and Redis now; false while Redis is away and until this host has recovered.</summary>
    public bool UsesRedis => _link.IsHealthy;

    public Task StartAsync(CancellationToken cancellationToken) => _link.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => _link.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _link.StopAsync();
        await _disposing.CancelAsync();
        _local.Dispose();
    }

    public async ValueTask<T?> GetOrLoadAsync<T>(CacheKey key, Func<CancellationToken, Task<T?>> load, CancellationToken ct)
        where T : class
    {
        if (_link.IsHealthy && _local.TryGet(key, out var cached))
        {
            _metrics.Count(CacheSource.L1);
            return (T?)cached;
        }
        var answers = await GetOrLoadManyAsync<T>(
            [key],
            async (_, loadCt) => new Dictionary<CacheKey, T?> { [key] = await load(loadCt) },
            ct);
        return answers[0];
    }

    public async ValueTask<IReadOnlyList<T?>> GetOrLoadManyAsync<T>(
        IReadOnlyList<CacheKey> keys,
        Func<IReadOnlyList<CacheKey>, CancellationToken, Task<IReadOnlyDictionary<CacheKey, T?>>> loadMissing,
        CancellationToken ct)
        where T : class
    {
        var answers = new T?[keys.Count];
        var useL1 = _link.IsHealthy;
        List<(int Index, Task<Loaded> Answer)>? waits = null;
        Dictionary<CacheKey, TaskCompletionSource<Loaded>>? led = null;
        for (var i = 0; i < keys.Count; i++)
        {
            if (useL1 && _local.TryGet(keys[i], out var cached))
            {
                answers[i] = (T?)cached;
                _metrics.Count(CacheSource.L1);
                continue;
            }
            var answer = _flights.JoinOrLead(keys[i], out var lead);
            if (lead is not null)
                (led ??= [])[keys[i]] = lead;
            (waits ??= []).Add((i, answer));
        }
        if (led is not null)
            _ = LeadAsync(led, loadMissing);
        foreach (var (index, answer) in waits ?? [])
        {
            var loaded = await answer.WaitAsync(ct);
            answers[index] = (T?)loaded.Value;
            _metrics.Count(loaded.Source);
        }
        return answers;
    }

    /// <returns>
    /// True when Redis took the invalidation (every host will drop the keys); false when Redis is away: the keys
    /// are dropped here only, and a writer must leave its <see cref="CacheInvalidationLog"/> row for the relay.
    /// </returns>
    public async Task<bool> InvalidateAsync(IReadOnlyCollection<CacheKey> keys, CancellationToken ct)
    {
        if (keys.Count == 0)
            return true;
        try
        {
            if (!_link.IsHealthy)
                return false;
            await _redis.InvalidateAsync(keys).WaitAsync(ct);
            return true;
        }
        catch (Exception e) when (RedisFailures.Is(e))
        {
            _link.ReportFailure(e);
            return false;
        }
        finally
        {
            // After Redis, so that a read here of the old L2 value is either evicted now or refused L1 by the epoch.
            EvictLocally(keys.ToArray());
        }
    }

    // Detached from the caller's token: other callers may have joined these loads.
    private async Task LeadAsync<T>(
        Dictionary<CacheKey, TaskCompletionSource<Loaded>> led,
        Func<IReadOnlyList<CacheKey>, CancellationToken, Task<IReadOnlyDictionary<CacheKey, T?>>> loadMissing)
        where T : class
    {
        try
        {
            var keys = led.Keys.ToArray();
            var answers = _link.IsHealthy
                ? await ReadThroughAsync(keys, loadMissing)
                : await LoadDegradedAsync(keys, loadMissing);
            foreach (var (key, lead) in led)
                _flights.Complete(key, lead, answers[key]);
        }
        catch (Exception e) // not handled here: handed to every caller waiting on these keys
        {
            foreach (var (key, lead) in led)
                _flights.Fail(key, lead, e);
        }
    }

    private async Task<Dictionary<CacheKey, Loaded>> ReadThroughAsync<T>(
        CacheKey[] keys,
        Func<IReadOnlyList<CacheKey>, CancellationToken, Task<IReadOnlyDictionary<CacheKey, T?>>> loadMissing)
        where T : class
    {
        var epoch = _local.Epoch;
        L2Read read;
        try
        {
            read = await _redis.ReadAsync(keys);
        }
        catch (Exception e) when (RedisFailures.Is(e))
        {
            _link.ReportFailure(e);
            return await LoadDegradedAsync(keys, loadMissing);
        }

        var answers = new Dictionary<CacheKey, Loaded>(keys.Length);
        var missing = new List<int>();
        for (var i = 0; i < keys.Length; i++)
        {
            if (!read.Values[i].IsNull && _serializer.TryDeserialize<T>(read.Values[i], out var value))
            {
                answers[keys[i]] = new Loaded(value, CacheSource.L2);
                _local.Store(keys[i], value, epoch);
            }
            else
                missing.Add(i);
        }
        if (missing.Count == 0)
            return answers;

        var loaded = await loadMissing(missing.Select(i => keys[i]).ToArray(), _disposing.Token);
        var writes = new L2Write[missing.Count];
        for (var j = 0; j < missing.Count; j++)
        {
            var key = keys[missing[j]];
            var value = loaded.GetValueOrDefault(key);
            answers[key] = new Loaded(value, CacheSource.Loader);
            writes[j] = new L2Write(missing[j], key, _serializer.Serialize(value), value is null ? _options.MissTtl : _options.L2Ttl);
        }
        var stored = await TryStoreAsync(read, writes);
        // Only what Redis accepted: a refusal means an invalidation ran since the read, so the value may predate it.
        for (var j = 0; j < writes.Length; j++)
            if (stored[j])
                _local.Store(writes[j].Key, answers[writes[j].Key].Value, epoch);
        return answers;
    }

    private async Task<bool[]> TryStoreAsync(L2Read read, L2Write[] writes)
    {
        try
        {
            return await _redis.StoreAsync(read, writes);
        }
        catch (Exception e) when (RedisFailures.Is(e))
        {
            _link.ReportFailure(e);
            return new bool[writes.Length];
        }
    }

    private async Task<Dictionary<CacheKey, Loaded>> LoadDegradedAsync<T>(
        CacheKey[] keys,
        Func<IReadOnlyList<CacheKey>, CancellationToken, Task<IReadOnlyDictionary<CacheKey, T?>>> loadMissing)
        where T : class
    {
        var loaded = await loadMissing(keys, _disposing.Token);
        return keys.ToDictionary(k => k, k => new Loaded(loaded.GetValueOrDefault(k), CacheSource.Degraded));
    }

    /// <summary>Drops keys from L1 and from the loads in flight; null drops everything.</summary>
    private void EvictLocally(IReadOnlyList<CacheKey>? keys)
    {
        if (keys is null)
        {
            _local.Clear();
            _flights.ForgetAll();
            return;
        }
        _local.Evict(keys);
        foreach (var key in keys)
            _flights.Forget(key);
    }

    /// <summary>Before reads use Redis again: publish what writers could not, forget what L1 may have missed.</summary>
    private async Task<bool> PrepareToUseRedisAsync(CancellationToken ct)
    {
        await _redis.EnsureInstanceAsync().WaitAsync(ct);
        if (_pending is not null)
        {
            try
            {
                await _pending.RelayAsync(createdBefore: null, skipLocked: false, PublishPendingAsync, ct);
                _relayFailing = false;
            }
            catch (NpgsqlException e)
            {
                if (!_relayFailing)
                    _logger.LogWarning(e, "Pending cache invalidations could not be read; the cache stays bypassed until they are published");
                _relayFailing = true;
                return false;
            }
        }
        EvictLocally(null);
        return true;
    }

    private async Task<bool> PublishPendingAsync(IReadOnlyCollection<CacheKey> keys, CancellationToken ct)
    {
        await _redis.InvalidateAsync(keys).WaitAsync(ct);
        return true;
    }
}
