using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Qweeby.Routing.Hosting;

/// <summary>Redis away is degraded, not down: resolution goes on from Postgres.</summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(redis.IsConnected
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded("Redis is not connected; answering from Postgres"));
}
