using StackExchange.Redis;

namespace Qweeby.Routing.Data.Cache;

/// <summary>Where a <see cref="CacheKey"/> lives in Redis under one deployment's <see cref="CacheOptions.KeyPrefix"/>.</summary>
internal sealed class RedisKeyspace(string prefix)
{
    /// <summary>Published by every invalidation; every host listens.</summary>
    public RedisChannel Channel { get; } = RedisChannel.Literal($"{prefix}:invalidate");

    /// <summary>A random token naming the current Redis data set; absent after Redis restarts empty.</summary>
    public RedisKey Instance { get; } = $"{prefix}:instance";

    /// <summary>Incremented by every invalidation: what a fact found alongside (its generation never read) is checked against.</summary>
    public RedisKey Invalidations { get; } = $"{prefix}:invalidations";

    public RedisKey Value(CacheKey key) => $"{prefix}:{key.Name}";

    /// <summary>
    /// Incremented by each invalidation of any key of its bucket (names start with a version, never "gen:"). Keys
    /// share <see cref="GenerationBuckets"/> generations, so that Redis holds a bounded number of them whatever is
    /// invalidated (a national mirror import invalidates millions of addresses; one generation each, living a day, would
    /// have held hundreds of megabytes). Two keys of one bucket only cost a load that an invalidation of the other
    /// ran across: its store is refused, and the next read loads again. Generations never expire.
    /// </summary>
    public RedisKey Generation(CacheKey key) => $"{prefix}:gen:{Bucket(key.Name)}";

    public const int GenerationBuckets = 65_536;

    /// <summary>
    /// FNV-1a over the name's UTF-16 units, xor-folded to 16 bits (its low bits alone are its weakest): the same
    /// bucket on every host, where string hash codes differ by process.
    /// </summary>
    private static uint Bucket(string name)
    {
        var hash = 2_166_136_261u;
        foreach (var unit in name)
            hash = (hash ^ unit) * 16_777_619u;
        return (hash ^ (hash >> 16)) & (GenerationBuckets - 1);
    }
}
