using Microsoft.Extensions.Diagnostics.HealthChecks;
using Qweeby.Routing.Data.Cache;
using StackExchange.Redis;

namespace Qweeby.Routing.Hosting;

/// <summary>
/// Redis away is degraded, not down: resolution goes on from Postgres. A Redis still connected but not answering (hung)
/// is degraded too: the cache has stopped using it.
/// </summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis, DirectoryCache cache) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(!redis.IsConnected ? HealthCheckResult.Degraded("Redis is not connected; answering from Postgres")
            : !cache.UsesRedis ? HealthCheckResult.Degraded("Redis does not answer the cache's heartbeat, or the cache is recovering; answering from Postgres")
            : HealthCheckResult.Healthy());
}
