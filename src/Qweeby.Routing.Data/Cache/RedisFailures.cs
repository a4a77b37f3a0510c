using StackExchange.Redis;

namespace Qweeby.Routing.Data.Cache;

/// <summary>The failures that mean "Redis is away or too slow": the cache degrades instead of failing the caller.</summary>
internal static class RedisFailures
{
    // RedisTimeoutException derives from TimeoutException, not RedisException (which covers RedisConnectionException).
    public static bool Is(Exception e) => e is RedisException or RedisTimeoutException;
}
