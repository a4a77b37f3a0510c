using StackExchange.Redis;

namespace Qweeby.Routing.Data.Cache;

/// <summary>
/// What one MGET saw: Redis's instance token, the count of invalidations so far and, per key, its value and
/// generation (null when absent).
/// </summary>
internal sealed record L2Read(RedisValue Instance, RedisValue Invalidations, RedisValue[] Values, RedisValue[] Generations);
