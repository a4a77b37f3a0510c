using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Qweeby.Routing.Core.Security;
using Qweeby.Routing.Data.Security;

namespace Qweeby.Routing.Hosting.Security;

/// <summary>Writes queued security events to Postgres in batches; a failed batch is logged, counted and dropped.</summary>
internal sealed class SecurityAuditWriter(SecurityAudit audit, SecurityEventStore store, TimeProvider time, ILogger<SecurityAuditWriter> logger)
    : BackgroundService
{
    private const int MaxBatch = 500;
    private static readonly TimeSpan FailureBackoff = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<SecurityEvent>(MaxBatch);
        // Runs until the queue is completed at stop, not until stoppingToken: events queued before the
        // stop are still written (the host's shutdown timeout bounds the wait).
        while (await audit.Reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && audit.Reader.TryRead(out var item))
                batch.Add(item);
            try
            {
                await store.AppendAsync(batch, CancellationToken.None);
            }
            catch (Exception e) // the loop's top: a failed write must never end the process
            {
                SecurityMetrics.AuditDropped.Add(batch.Count);
                logger.LogError(e, "Could not write {Count} security events; they are dropped", batch.Count);
                await BackOffAsync(stoppingToken);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        audit.Complete();
        await base.StopAsync(cancellationToken);
    }

    private async Task BackOffAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(FailureBackoff, time, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping: drain without waiting.
        }
    }
}
