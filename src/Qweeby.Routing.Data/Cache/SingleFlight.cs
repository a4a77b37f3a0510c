using System.Collections.Concurrent;

namespace Qweeby.Routing.Data.Cache;

/// <summary>
/// The loads in flight on this host, one per key: concurrent misses of a key share one load. A load answers its
/// callers as soon as it has read its value, and stays in flight until that value is stored (or refused) in Redis.
/// </summary>
internal sealed class SingleFlight
{
    private readonly ConcurrentDictionary<CacheKey, Flight> _flights = new();

    /// <summary>
    /// The load in flight for <paramref name="key"/>; when there is none, registers one and hands it to the caller
    /// (<paramref name="leads"/>), who must <see cref="Answer"/> or <see cref="Fail"/> it, then <see cref="Settle"/> it.
    /// </summary>
    public Flight JoinOrLead(CacheKey key, out bool leads)
    {
        if (_flights.TryGetValue(key, out var current))
        {
            leads = false;
            return current;
        }
        var mine = new Flight();
        current = _flights.GetOrAdd(key, mine);
        leads = ReferenceEquals(current, mine);
        return current;
    }

    public static void Answer(Flight flight, Loaded answer) => flight.AnswerSource.TrySetResult(answer);

    /// <summary>The load failed: its callers get the error, and nothing is stored.</summary>
    public void Fail(CacheKey key, Flight flight, Exception error)
    {
        flight.AnswerSource.TrySetException(error);
        Settle(key, flight);
    }

    /// <summary>The store is over (done or refused): the next caller reads the layers again.</summary>
    public void Settle(CacheKey key, Flight flight)
    {
        _flights.TryRemove(KeyValuePair.Create(key, flight));
        flight.SettledSource.TrySetResult();
    }

    /// <summary>After an invalidation, later callers start a new load instead of joining one that began before it.</summary>
    public void Forget(CacheKey key) => _flights.TryRemove(key, out _);

    /// <summary>After invalidations this host may have missed, no load that began before is joined again.</summary>
    public void ForgetAll() => _flights.Clear();

    internal sealed class Flight
    {
        internal TaskCompletionSource<Loaded> AnswerSource { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        internal TaskCompletionSource SettledSource { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<Loaded> Answer => AnswerSource.Task;

        /// <summary>Done once the answer is stored in the layers, or refused by them.</summary>
        public Task Settled => SettledSource.Task;
    }
}
