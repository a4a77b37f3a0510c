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

    /// <summary>Incremented by each invalidation of the key (names start with a version, never "gen:").</summary>
    public RedisKey Generation(CacheKey key) => $"{prefix}:gen:{key.Name}";
}
