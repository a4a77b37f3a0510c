namespace Qweeby.Routing.Data.Cache;

/// <summary>
/// Cache-aside over Postgres for directory facts: an in-process layer (L1) over Redis (L2).
/// A loader's <c>null</c> is a miss, cached briefly. A read answers as soon as its value is loaded; storing it in
/// the layers follows (a later read on this host waits for that store rather than load again).
/// <see cref="InvalidateAsync"/> is called by every writer after its commit and drops the keys on every host; a
/// value read before a write can never be stored after that write's invalidation. With Redis away, reads go to Postgres (degraded, counted).
/// </summary>
public interface IDirectoryCache
{
    /// <summary>
    /// One fact; concurrent misses of one key on one host share one load. The loader's token ends with the
    /// host, not with one caller's <paramref name="ct"/>, since other callers may be waiting on the same load.
    /// </summary>
    ValueTask<T?> GetOrLoadAsync<T>(CacheKey key, Func<CancellationToken, Task<T?>> load, CancellationToken ct)
        where T : class;

    /// <summary>
    /// Several facts in one round trip to Redis; the loader receives only the keys neither layer had (nor a
    /// load in flight on this host) and returns a value (or null for a miss) for each of them; a key it leaves
    /// out is a miss. Answers in the order of <paramref name="keys"/>.
    /// </summary>
    ValueTask<IReadOnlyList<T?>> GetOrLoadManyAsync<T>(
        IReadOnlyList<CacheKey> keys,
        Func<IReadOnlyList<CacheKey>, CancellationToken, Task<IReadOnlyDictionary<CacheKey, T?>>> loadMissing,
        CancellationToken ct)
        where T : class;

    /// <summary>
    /// Facts of several types in one round trip to Redis, as <see cref="GetOrLoadManyAsync{T}"/> does for one type. The
    /// loader may also return facts it found alongside, under keys nobody asked for (an identifier's entity, read in
    /// the same query): these are cached only if no invalidation at all ran since the read.
    /// </summary>
    ValueTask<IReadOnlyList<object?>> GetOrLoadFactsAsync(
        IReadOnlyList<CachedFact> facts,
        Func<IReadOnlyList<CachedFact>, CancellationToken, Task<LoadedFacts>> loadMissing,
        CancellationToken ct);

    /// <summary>
    /// Drops the keys from Redis and from every host's L1. Call after the write commits; writers normally
    /// go through <see cref="DirectoryWrite"/>, which makes the invalidation durable. Never throws because
    /// Redis failed.
    /// </summary>
    /// <returns>
    /// False when Redis could not be reached: only this host dropped the keys, and the invalidation must be
    /// left in <see cref="CacheInvalidationLog"/> for the relay to publish.
    /// </returns>
    Task<bool> InvalidateAsync(IReadOnlyCollection<CacheKey> keys, CancellationToken ct);
}
