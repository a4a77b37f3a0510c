using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Qweeby.Routing.Data.Exchange;
using Qweeby.Routing.Data.Lifecycle;
using Qweeby.Routing.Server.Lifecycle;
using Qweeby.Routing.Hosting;

namespace Qweeby.Routing.Server.Exchange;

/// <summary>
/// Forwards accepted invoices and lifecycle statuses. <see cref="ExchangeOptions.Workers"/> loops per host each claim a batch,
/// send it concurrently outside any transaction, then record every outcome in one transaction. A Submit
/// on this host wakes a loop at once; otherwise loops poll. Several hosts share the outbox safely: a
/// claimed row is locked for the claim and leased afterwards, so no two workers send it at once.
/// </summary>
public sealed class OutboxWorker(
    OutboxStore outbox,
    LifecycleStore lifecycle,
    PartnerForwarder forwarder,
    StatusForwarder statuses,
    RetrySchedule schedule,
    OutboxSignal signal,
    ExchangeEventSignals events,
    IOptions<ExchangeOptions> options,
    IOptions<PlatformOptions> platform,
    TimeProvider time,
    ILogger<OutboxWorker> logger) : BackgroundService
{
    private static readonly Counter<long> Attempts = Telemetry.Meter.CreateCounter<long>("qweeby.exchange.attempts", description: "Delivery attempts, by outcome");

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.Workers).Select(_ => Task.Run(() => LoopAsync(stoppingToken), CancellationToken.None)));

    private async Task LoopAsync(CancellationToken ct)
    {
        var o = options.Value;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var claimed = await RoundAsync(ct);
                if (claimed >= o.BatchSize)
                    signal.Pulse(); // more is probably due: bring a sibling loop in
                else if (claimed == 0)
                    await signal.WaitAsync(o.PollInterval, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) // the top of a worker loop: log, back off, carry on
            {
                logger.LogError(e, "Forwarding round failed; trying again in {Delay}", o.PollInterval);
                await signal.WaitAsync(o.PollInterval, ct);
            }
        }
    }

    private async Task<int> RoundAsync(CancellationToken ct)
    {
        var o = options.Value;
        var claim = await outbox.ClaimAsync(time.Now(), o.BatchSize, o.LeaseDuration, platform.Value.ProviderId, ct);
        if (claim.Count == 0)
            return 0;
        events.Written.Pulse();
        Attempts.Add(claim.DeliveredLocally, new KeyValuePair<string, object?>("outcome", "delivered"), new("destination", "local"), new("kind", "invoice"));
        if (claim.Remote.Count == 0 && claim.Statuses.Count == 0)
            return claim.Count;

        var timelines = claim.Remote.Count == 0 ? [] : await lifecycle.TimelinesAsync([.. claim.Remote.Select(i => i.TransmissionId)], ct);
        var invoices = Task.WhenAll(claim.Remote.Select(invoice => ForwardAsync(invoice, timelines.GetValueOrDefault(invoice.TransmissionId) ?? [], ct)));
        var sentStatuses = Task.WhenAll(claim.Statuses.Select(status => statuses.DeliverAsync(status, ct)));
        var (results, statusResults) = (await invoices, await sentStatuses);
        await outbox.RecordAsync(claim.Token, results, statusResults, time.Now(), platform.Value.ProviderId, ct);
        events.Written.Pulse();
        foreach (var r in results)
        {
            Attempts.Add(1, new KeyValuePair<string, object?>("outcome", ExchangeCodes.Code(r.Outcome)), new("destination", "partner"), new("kind", "invoice"));
            if (r.Outcome != AttemptOutcome.Delivered)
                logger.LogWarning("Attempt {Attempt} of transmission {TransmissionId} to {Provider}: {Outcome} ({ErrorCode}: {ErrorDetail})",
                    r.Attempt, r.TransmissionId, r.Destination, r.Outcome, r.ErrorCode, r.ErrorDetail);
        }
        foreach (var (r, status) in statusResults.Zip(claim.Statuses))
        {
            Attempts.Add(1, new KeyValuePair<string, object?>("outcome", ExchangeCodes.Code(r.Outcome)), new("destination", "partner"), new("kind", "status"));
            if (r.Outcome != AttemptOutcome.Delivered)
                logger.LogWarning("Attempt {Attempt} of status {StatusId} ({Code}) of message id {MessageId} to {Provider}: {Outcome} ({Detail})",
                    r.Attempt, status.Status.StatusId, (int)status.Status.Code, status.MessageId, status.ProviderId, r.Outcome, r.Detail);
        }
        return claim.Count;
    }

    private async Task<ForwardingResult> ForwardAsync(ClaimedInvoice invoice, IReadOnlyList<StatusFacts> timeline, CancellationToken ct)
    {
        var started = time.Now();
        var sent = await forwarder.SendAsync(invoice, timeline, ct);
        var finished = time.Now();
        ForwardingResult Result(AttemptOutcome outcome, string statusDetail, DateTimeOffset? retryAt = null) => new(
            invoice.OutboxId, invoice.TransmissionId, invoice.Attempt, invoice.ProviderId, started, finished, outcome,
            sent.ErrorCode, sent.ErrorDetail, statusDetail, sent.Receipt, retryAt);

        if (sent.Receipt is { } receipt)
            return Result(AttemptOutcome.Delivered, $"delivered to {invoice.ProviderId}, receipt {receipt.TransmissionId}");
        if (sent.Permanent)
            return Result(AttemptOutcome.Failed, $"refused by {invoice.ProviderId}: {sent.ErrorCode}: {sent.ErrorDetail}");
        return schedule.NextAttemptAt(invoice.Attempt, invoice.QueuedAt, finished, Random.Shared.NextDouble()) is { } next
            ? Result(AttemptOutcome.Retry, "", next)
            : Result(AttemptOutcome.DeadLettered,
                $"undelivered after {invoice.Attempt} attempts since {invoice.QueuedAt:u}; last error {sent.ErrorCode}: {sent.ErrorDetail}");
    }
}
