using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Qweeby.Routing.Data.Cache;

/// <summary>
/// Publishes invalidations still pending <see cref="CacheOptions.RelayAfter"/> after their commit (the writer
/// could not reach Redis, or stopped). Runs in every host; hosts share the rows (SKIP LOCKED). Right after
/// Redis returns, <see cref="DirectoryCache"/> relays everything itself before it reads Redis again.
/// </summary>
public sealed class CacheInvalidationRelay(
    CacheInvalidationLog log,
    IDirectoryCache cache,
    IOptions<CacheOptions> options,
    TimeProvider time,
    ILogger<CacheInvalidationRelay> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var after = options.Value.RelayAfter;
        using var timer = new PeriodicTimer(after, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var relayed = await log.RelayAsync(time.GetUtcNow() - after, skipLocked: true, cache.InvalidateAsync, stoppingToken);
                if (relayed > 0)
                    logger.LogInformation("Published {Count} pending cache invalidations", relayed);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Relaying pending cache invalidations failed; retrying in {Delay}", after);
            }
        }
    }
}
