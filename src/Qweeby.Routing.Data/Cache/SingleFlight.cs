using System.Collections.Concurrent;

namespace Qweeby.Routing.Data.Cache;

/// <summary>The loads in flight on this host, one per key: concurrent misses of a key share one load.</summary>
internal sealed class SingleFlight
{
    private readonly ConcurrentDictionary<CacheKey, TaskCompletionSource<Loaded>> _flights = new();

    /// <summary>
    /// The answer of the load in flight for <paramref name="key"/>; when there is none, registers one and
    /// hands it to the caller as <paramref name="lead"/>, who must <see cref="Complete"/> or <see cref="Fail"/> it.
    /// </summary>
    public Task<Loaded> JoinOrLead(CacheKey key, out TaskCompletionSource<Loaded>? lead)
    {
        if (_flights.TryGetValue(key, out var current))
        {
            lead = null;
            return current.Task;
        }
        var mine = new TaskCompletionSource<Loaded>(TaskCreationOptions.RunContinuationsAsynchronously);
        current = _flights.GetOrAdd(key, mine);
        lead = ReferenceEquals(current, mine) ? mine : null;
        return current.Task;
    }

    public void Complete(CacheKey key, TaskCompletionSource<Loaded> lead, Loaded answer)
    {
        _flights.TryRemove(KeyValuePair.Create(key, lead));
        lead.TrySetResult(answer);
    }

    public void Fail(CacheKey key, TaskCompletionSource<Loaded> lead, Exception error)
    {
        _flights.TryRemove(KeyValuePair.Create(key, lead));
        lead.TrySetException(error);
    }

    /// <summary>After an invalidation, later callers start a new load instead of joining one that began before it.</summary>
    public void Forget(CacheKey key) => _flights.TryRemove(key, out _);

    /// <summary>After invalidations this host may have missed, no load that began before is joined again.</summary>
    public void ForgetAll() => _flights.Clear();
}
