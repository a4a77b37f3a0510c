using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Internal;

namespace Qweeby.Routing.Data.Cache;

/// <summary>
/// The in-process layer (L1). Each eviction bumps a host-wide epoch; a value read from Redis or Postgres
/// is kept only if no eviction happened since its read began, so a value older than an invalidation
/// this host has seen is never kept.
/// </summary>
internal sealed class LocalLayer : IDisposable
{
    // MemoryCache cannot hold a null value distinctly from an absent one.
    private static readonly object Miss = new();
    private static readonly CacheKey ProvidersKey = CacheKeys.Providers();

    private readonly MemoryCache _memory;
    private readonly TimeSpan _valueTtl;
    private readonly TimeSpan _providersTtl;
    private readonly TimeSpan _missTtl;
    private long _epoch;

    public LocalLayer(CacheOptions options, TimeProvider time)
    {
        // The system clock is MemoryCache's own (read on every hit): a clock of ours only for another time provider.
        _memory = new MemoryCache(new MemoryCacheOptions
        {
            SizeLimit = options.L1MaxEntries,
            Clock = time == TimeProvider.System ? null : new Clock(time),
        });
        _valueTtl = options.L1Ttl;
        _providersTtl = options.ProvidersL1Ttl;
        _missTtl = options.MissTtl < options.L1Ttl ? options.MissTtl : options.L1Ttl;
    }

    /// <summary>Read before the read that may be stored begins; passed back to <see cref="Store"/>.</summary>
    public long Epoch => Interlocked.Read(ref _epoch);

    public bool TryGet(CacheKey key, out object? value)
    {
        if (_memory.TryGetValue(key.Name, out var stored))
        {
            value = ReferenceEquals(stored, Miss) ? null : stored;
            return true;
        }
        value = null;
        return false;
    }

    public void Store(CacheKey key, object? value, long epochAtRead)
    {
        if (Epoch != epochAtRead)
            return;
        _memory.Set(key.Name, value ?? Miss, new MemoryCacheEntryOptions
        {
            AbsoluteExpirationRelativeToNow = value is null ? _missTtl : key == ProvidersKey ? _providersTtl : _valueTtl,
            Size = 1,
        });
        // An eviction that ran between the check above and the Set removed nothing: undo ours. Evict bumps
        // the epoch before removing, so either it removes our entry or we see its bump here.
        if (Epoch != epochAtRead)
            _memory.Remove(key.Name);
    }

    public void Evict(IEnumerable<CacheKey> keys)
    {
        Interlocked.Increment(ref _epoch);
        foreach (var key in keys)
            _memory.Remove(key.Name);
    }

    public void Clear()
    {
        Interlocked.Increment(ref _epoch);
        _memory.Clear();
    }

    public void Dispose() => _memory.Dispose();

    private sealed class Clock(TimeProvider time) : ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
