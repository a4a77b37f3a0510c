using System.Collections.Concurrent;

namespace Qweeby.Routing.Hosting.Security;

/// <summary>
/// A small in-process cache of loaded values (hits and misses alike) that expire after a fixed time.
/// Concurrent misses of one key share one load; a failed load is not kept. Beyond
/// <c>maxEntries</c>, expired entries are swept and, if still full, new keys are loaded but not kept,
/// so a flood of made-up keys cannot grow it without bound.
/// </summary>
internal sealed class ExpiringCache<T>(TimeProvider time, TimeSpan lifetime, int maxEntries)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly long _lifetimeTicks = (long)(lifetime.TotalSeconds * time.TimestampFrequency);

    public async Task<T> GetOrLoadAsync(string key, Func<string, Task<T>> load)
    {
        if (_lifetimeTicks <= 0)
            return await load(key);
        var now = time.GetTimestamp();
        if (_entries.TryGetValue(key, out var current) && current.ExpiresAt > now)
            return await current.Value.Value;
        if (current is null && !HasRoom(now))
            return await load(key);

        var entry = _entries.AddOrUpdate(key,
            static (k, state) => new Entry(new Lazy<Task<T>>(() => state.load(k)), state.expiresAt),
            static (k, old, state) => old.ExpiresAt > state.now ? old : new Entry(new Lazy<Task<T>>(() => state.load(k)), state.expiresAt),
            (load, now, expiresAt: now + _lifetimeTicks));
        var task = entry.Value.Value;
        try
        {
            return await task;
        }
        finally
        {
            if (!task.IsCompletedSuccessfully)
                _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
        }
    }

    private bool HasRoom(long now)
    {
        if (_entries.Count < maxEntries)
            return true;
        foreach (var (key, entry) in _entries)
        {
            if (entry.ExpiresAt <= now)
                _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
        }
        return _entries.Count < maxEntries;
    }

    private sealed record Entry(Lazy<Task<T>> Value, long ExpiresAt);
}
