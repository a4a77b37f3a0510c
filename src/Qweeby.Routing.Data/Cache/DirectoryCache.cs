using System.Collections.Concurrent;
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
    private readonly ConcurrentDictionary<Task, byte> _leads = new();
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
        await StoresSettledAsync();
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
        if (AllFromL1<T>(keys) is { } hits)
            return hits;
        var answers = await GetOrLoadFactsAsync(
            keys.Select(k => new CachedFact(k, typeof(T))).ToArray(),
            async (missing, loadCt) => new LoadedFacts(
                (await loadMissing(missing.Select(f => f.Key).ToArray(), loadCt)).ToDictionary(p => p.Key, p => (object?)p.Value)),
            ct);
        return answers.Select(a => (T?)a).ToArray();
    }

    public async ValueTask<IReadOnlyList<object?>> GetOrLoadFactsAsync(
        IReadOnlyList<CachedFact> facts,
        Func<IReadOnlyList<CachedFact>, CancellationToken, Task<LoadedFacts>> loadMissing,
        CancellationToken ct)
    {
        var answers = new object?[facts.Count];
        int[]? unanswered = null; // null: all of them
        while (true)
        {
            var useL1 = _link.IsHealthy;
            List<(int Index, Task<Loaded> Answer)>? waits = null;
            List<(int Index, Task Settled)>? late = null;
            Dictionary<CacheKey, (CachedFact Fact, SingleFlight.Flight Flight)>? led = null;
            var l1Hits = 0;
            for (var n = 0; n < (unanswered?.Length ?? facts.Count); n++)
            {
                var i = unanswered?[n] ?? n;
                var key = facts[i].Key;
                if (useL1 && _local.TryGet(key, out var cached))
                {
                    answers[i] = cached;
                    l1Hits++;
                    continue;
                }
                var flight = _flights.JoinOrLead(key, out var leads);
                if (leads)
                    (led ??= [])[key] = (facts[i], flight);
                // Answered before this caller came but not stored yet: Redis may still refuse it, for an invalidation
                // this host has not heard of yet. Read the layers again once it settles.
                if (!leads && flight.Answer.IsCompleted)
                    (late ??= []).Add((i, flight.Settled));
                else
                    (waits ??= []).Add((i, flight.Answer));
            }
            if (l1Hits > 0)
                _metrics.Count(CacheSource.L1, l1Hits);
            if (led is not null)
            {
                var lead = LeadAsync(led, loadMissing);
                Track(lead.Unwrap());
                // Done once it has answered (its store goes on apart): this caller resumes on the load's own thread
                // rather than one woken for it by the answer.
                await lead.WaitAsync(ct);
            }
            foreach (var (index, answer) in waits ?? [])
            {
                var loaded = await answer.WaitAsync(ct);
                answers[index] = loaded.Value;
                _metrics.Count(loaded.Source);
            }
            if (late is null)
                return answers;
            await Task.WhenAll(late.Select(l => l.Settled)).WaitAsync(ct);
            unanswered = late.Select(l => l.Index).ToArray();
        }
    }

    /// <summary>Every key's value from L1, or null when one is not there (the usual cache-hit Resolve: no load set up).</summary>
    private T?[]? AllFromL1<T>(IReadOnlyList<CacheKey> keys) where T : class
    {
        if (!_link.IsHealthy)
            return null;
        var values = new T?[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            if (!_local.TryGet(keys[i], out var cached))
                return null;
            values[i] = (T?)cached;
        }
        _metrics.Count(CacheSource.L1, keys.Count);
        return values;
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

    /// <summary>
    /// Completes once the loads begun before this call have stored their values in Redis (or been refused): a read
    /// answers before its store, so another host may load again until then.
    /// </summary>
    public Task StoresSettledAsync() => Task.WhenAll(_leads.Keys);

    /// <summary>A load runs on past its answer (until stored); disposal waits for the ones still running.</summary>
    private void Track(Task work)
    {
        _leads.TryAdd(work, 0);
        // Inline: a thread pool item per load only to forget it would cost more than the removal itself.
        _ = work.ContinueWith(done => _leads.TryRemove(done, out _), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// Detached from the caller's token: other callers may have joined these loads. Never throws: a failure before
    /// the answer goes to the callers, one after it (while storing) is logged.
    /// </summary>
    /// <returns>Completes once every led key is answered (or failed), with the store that follows (still running).</returns>
    private async Task<Task> LeadAsync(
        Dictionary<CacheKey, (CachedFact Fact, SingleFlight.Flight Flight)> led,
        Func<IReadOnlyList<CachedFact>, CancellationToken, Task<LoadedFacts>> loadMissing)
    {
        try
        {
            if (_link.IsHealthy)
                return await ReadThroughAsync(led, loadMissing);
            await LoadDegradedAsync(led, loadMissing);
        }
        catch (Exception e) // not handled here: handed to every caller still waiting on these keys
        {
            foreach (var (key, (_, flight)) in led)
                _flights.Fail(key, flight, e);
        }
        return Task.CompletedTask;
    }

    /// <returns>The store of what was loaded, under way; nothing to store where Redis answered every key.</returns>
    private async Task<Task> ReadThroughAsync(
        Dictionary<CacheKey, (CachedFact Fact, SingleFlight.Flight Flight)> led,
        Func<IReadOnlyList<CachedFact>, CancellationToken, Task<LoadedFacts>> loadMissing)
    {
        var epoch = _local.Epoch;
        var facts = led.Values.Select(v => v.Fact).ToArray();
        L2Read read;
        try
        {
            read = await _redis.ReadAsync(facts.Select(f => f.Key).ToArray());
        }
        catch (Exception e) when (RedisFailures.Is(e))
        {
            _link.ReportFailure(e);
            await LoadDegradedAsync(led, loadMissing);
            return Task.CompletedTask;
        }

        var missing = new List<CachedFact>();
        for (var i = 0; i < facts.Length; i++)
        {
            var flight = led[facts[i].Key].Flight;
            if (!read.Values[i].IsNull && _serializer.TryDeserialize(read.Values[i], facts[i].Type, out var value))
            {
                _local.Store(facts[i].Key, value, epoch);
                SingleFlight.Answer(flight, new Loaded(value, CacheSource.L2));
                _flights.Settle(facts[i].Key, flight);
            }
            else
                missing.Add(facts[i]);
        }
        if (missing.Count == 0)
            return Task.CompletedTask;

        var loaded = await loadMissing(missing, _disposing.Token);
        foreach (var fact in missing)
            SingleFlight.Answer(led[fact.Key].Flight, new Loaded(loaded.Asked.GetValueOrDefault(fact.Key), CacheSource.Loader));
        return StoreAndSettleAsync(read, facts, missing, loaded, epoch, led);
    }

    /// <summary>The callers have their answers: this only caches them, on another thread than the one that answered.</summary>
    private async Task StoreAndSettleAsync(
        L2Read read, CachedFact[] facts, List<CachedFact> missing, LoadedFacts loaded, long epoch,
        Dictionary<CacheKey, (CachedFact Fact, SingleFlight.Flight Flight)> led)
    {
        await Task.Yield();
        try
        {
            await StoreLoadedAsync(read, facts, missing, loaded, epoch);
        }
        catch (Exception e) // nobody is left to hand it to
        {
            _logger.LogError(e, "Loaded directory facts could not be cached; the next read loads them again");
        }
        finally
        {
            foreach (var fact in missing)
                _flights.Settle(fact.Key, led[fact.Key].Flight);
        }
    }

    /// <summary>
    /// What was loaded, into Redis (generation-checked) then L1: the facts asked for, and those found alongside
    /// that no caller of this load asked for.
    /// </summary>
    private async Task StoreLoadedAsync(L2Read read, CachedFact[] facts, List<CachedFact> missing, LoadedFacts loaded, long epoch)
    {
        var writes = new List<(L2Write Write, object? Value)>(missing.Count + loaded.Alongside.Count);
        foreach (var fact in missing)
        {
            var value = loaded.Asked.GetValueOrDefault(fact.Key);
            writes.Add((new L2Write(Array.IndexOf(facts, fact), fact.Key, _serializer.Serialize(value, fact.Type),
                value is null ? _options.MissTtl : _options.L2Ttl), value));
        }
        foreach (var found in loaded.Alongside.Where(f => Array.FindIndex(facts, asked => asked.Key == f.Fact.Key) < 0))
            writes.Add((new L2Write(null, found.Fact.Key, _serializer.Serialize(found.Value, found.Fact.Type), _options.L2Ttl), found.Value));
        var stored = await TryStoreAsync(read, writes.Select(w => w.Write).ToArray());
        // Only what Redis accepted: a refusal means an invalidation ran since the read, so the value may predate it.
        for (var j = 0; j < writes.Count; j++)
            if (stored[j])
                _local.Store(writes[j].Write.Key, writes[j].Value, epoch);
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

    private async Task LoadDegradedAsync(
        Dictionary<CacheKey, (CachedFact Fact, SingleFlight.Flight Flight)> led,
        Func<IReadOnlyList<CachedFact>, CancellationToken, Task<LoadedFacts>> loadMissing)
    {
        var loaded = await loadMissing(led.Values.Select(v => v.Fact).ToArray(), _disposing.Token);
        foreach (var (key, (_, flight)) in led)
        {
            SingleFlight.Answer(flight, new Loaded(loaded.Asked.GetValueOrDefault(key), CacheSource.Degraded));
            _flights.Settle(key, flight);
        }
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
