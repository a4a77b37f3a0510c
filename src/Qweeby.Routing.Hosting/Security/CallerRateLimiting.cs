using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Qweeby.Routing.Hosting.Options;

namespace Qweeby.Routing.Hosting.Security;

/// <summary>
/// One token bucket per caller (<c>Limits:RequestsPerSecond</c>, <c>Limits:Burst</c>): per API key, per
/// partner, and per remote address for calls without valid credentials, so one caller's flood neither
/// starves the others nor floods the audit. Over the limit is RESOURCE_EXHAUSTED with a RetryInfo.
/// </summary>
internal static class CallerRateLimiting
{
    public static IServiceCollection AddCallerRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<LimitsOptions>>((options, limits) =>
        {
            var bucket = Bucket(limits.Value);
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                RateLimitPartition.GetTokenBucketLimiter(PartitionOf(context), _ => bucket));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (rejected, _) =>
            {
                SecurityMetrics.RateLimited.Add(1);
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > TimeSpan.Zero
                    ? after
                    : bucket.ReplenishmentPeriod;
                return GrpcErrorResponse.IsGrpc(rejected.HttpContext.Request)
                    ? new ValueTask(GrpcErrorResponse.WriteAsync(rejected.HttpContext, SecurityErrors.RateLimited(retryAfter)))
                    : ValueTask.CompletedTask;
            };
        });
        return services;
    }

    // Replenished ten times a second when the rate allows, so the limit is smooth rather than per second.
    private static TokenBucketRateLimiterOptions Bucket(LimitsOptions limits)
    {
        var smooth = limits.RequestsPerSecond >= 10;
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = limits.Burst,
            TokensPerPeriod = smooth ? (limits.RequestsPerSecond + 9) / 10 : limits.RequestsPerSecond,
            ReplenishmentPeriod = smooth ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }

    private static string PartitionOf(HttpContext context) =>
        context.User.Identity is CallerIdentity identity
            ? identity.Caller.Id
            : $"address:{context.Connection.RemoteIpAddress}";
}
