using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Qweeby.Routing.Data.Exchange;
using Qweeby.Routing.Data.Lifecycle;
using Qweeby.Routing.Server.Lifecycle;
using Qweeby.Routing.Hosting;

namespace Qweeby.Routing.Server.Exchange;

/// <summary>
/// Forwards accepted invoices and lifecycle statuses. One claimer per host takes a batch of due rows,
/// hands it to a sender and claims again while up to <see cref="ExchangeOptions.Workers"/> batches are
/// being sent (not counting those lingering for a slow partner, below): claims are never concurrent on one host, so rows that fall due while one runs are taken
/// together by the next. A sender sends its batch concurrently outside any transaction; the outcomes of
/// the batches that finish while another group commits are recorded together in one transaction
/// (<see cref="GroupCommit{TItem, TResult}"/>). Invoices submitted here come without a claim: Submit leased
/// their rows and hands them over in memory (<see cref="OutboxHandoff"/>); they are sent and recorded the
/// same way. Other work wakes the claimer at once when made on this host; otherwise it polls.
/// Several hosts share the outbox safely: a claimed row is locked for the claim and leased afterwards,
/// so no two workers send it at once. A host that stops hands back the rows whose outcomes it will not record
/// (cancelled sends, invoices handed but not taken): another host sends them at once rather than after their leases.
/// A batch whose sends are not all done after <see cref="SlotHold"/> (a partner that hangs until the send timeout)
/// gives its place back and lingers, and the outcomes of its sends that have answered are recorded then, so that one
/// slow partner does not hold up deliveries to the others: at most
/// four times <see cref="ExchangeOptions.Workers"/> x <see cref="ExchangeOptions.BatchSize"/> sends and four claims'
/// worth of documents linger at once, past which a batch keeps its place as before.
/// </summary>
public sealed class OutboxWorker(
    OutboxStore outbox,
    LifecycleStore lifecycle,
    PartnerForwarder forwarder,
    StatusForwarder statuses,
    RetrySchedule schedule,
    OutboxSignal signal,
    OutboxHandoff handoff,
    ExchangeEventSignals events,
    IOptions<ExchangeOptions> options,
    IOptions<PlatformOptions> platform,
    TimeProvider time,
    ILogger<OutboxWorker> logger) : BackgroundService
{
    private static readonly Counter<long> Attempts = Telemetry.Meter.CreateCounter<long>("qweeby.exchange.attempts", description: "Delivery attempts, by outcome");

    /// <summary>How long a batch keeps its place while some of its sends are still running: far above a partner's usual answer.</summary>
    public static readonly TimeSpan SlotHold = TimeSpan.FromSeconds(1);

    /// <summary>Lingering batches hold at most this many times what the worker's claims may (sends, and one claim's documents).</summary>
    private const int LingerFactor = 4;

    private readonly Lock _lingerGate = new();
    private long _lingeringBytes;
    private int _lingeringSends;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (o.Workers == 0)
            return;
        await Task.Yield();
        var recorder = new GroupCommit<ClaimOutcome, bool>(claims => RecordAsync(claims, stoppingToken));
        using var inFlight = new SemaphoreSlim(o.Workers);
        var batches = new ConcurrentDictionary<Task, bool>();
        var unrecorded = new ConcurrentBag<Guid>();
        handoff.Open();
        var handed = TakeHandedAsync(recorder, batches, unrecorded, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await inFlight.WaitAsync(stoppingToken);
                if (!await ClaimAndSendAsync(recorder, inFlight, batches, unrecorded, stoppingToken))
                    await signal.WaitAsync(o.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) // the top of a worker loop: log, back off, carry on
            {
                logger.LogError(e, "Claiming from the outbox failed; trying again in {Delay}", o.PollInterval);
                await signal.WaitAsync(o.PollInterval, stoppingToken);
            }
        }
        await WaitForHandsAsync();
        await handed;
        while (handoff.Reader.TryRead(out var notTaken))
            unrecorded.Add(notTaken.Token);
        // Batches still in flight end; cancelled sends record nothing, and their rows are handed back.
        await Task.WhenAll(batches.Keys);
        await ReleaseAsync(unrecorded);
    }

    /// <summary>Submits that had a place before the close hand their invoices over within moments (their commit's time).</summary>
    private async Task WaitForHandsAsync()
    {
        try
        {
            await handoff.CloseAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            logger.LogWarning("Stopping: Submits still committing after 5 s; the invoices they hand over later are forwarded when their leases end");
        }
    }

    /// <summary>Best effort, a few seconds at most: what is not handed back here falls due when its lease ends.</summary>
    private async Task ReleaseAsync(ConcurrentBag<Guid> unrecorded)
    {
        if (unrecorded.IsEmpty)
            return;
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var released = await outbox.ReleaseAsync([.. unrecorded.Distinct()], time.Now(), limit.Token);
            logger.LogInformation("Stopping: handed back {Count} outbox rows not sent or not recorded here", released);
        }
        catch (Exception e) // stopping anyway: the leases hand the rows on
        {
            logger.LogWarning(e, "Stopping: could not hand back {Count} claims; their rows fall due when their leases end", unrecorded.Count);
        }
    }

    /// <summary>
    /// Claims a batch and starts sending it (tracked in <paramref name="batches"/>), which releases one of
    /// <paramref name="inFlight"/> once sent; answers whether more may be due now (a full batch, or invoices the byte
    /// budget left), so that the claimer claims again at once instead of waiting for a signal.
    /// </summary>
    private async Task<bool> ClaimAndSendAsync(GroupCommit<ClaimOutcome, bool> recorder, SemaphoreSlim inFlight, ConcurrentDictionary<Task, bool> batches,
        ConcurrentBag<Guid> unrecorded, CancellationToken ct)
    {
        OutboxClaim claim;
        try
        {
            var o = options.Value;
            claim = await outbox.ClaimAsync(time.Now(), o.BatchSize, o.MaxClaimBytes, o.LeaseDuration, platform.Value.ProviderId, ct);
        }
        catch
        {
            inFlight.Release();
            throw;
        }
        // Starting an invoice (FORWARDING, 201) or delivering it here writes stream events; claiming statuses writes none.
        if (claim.DeliveredLocally > 0 || claim.Remote.Any(i => i.Started))
            events.Written.Pulse();
        Attempts.Add(claim.DeliveredLocally, new KeyValuePair<string, object?>("outcome", "delivered"), new("destination", "local"), new("kind", "invoice"));
        if (claim.Remote.Count == 0 && claim.Statuses.Count == 0)
            inFlight.Release();
        else
            Track(batches, SendAndRecordAsync(claim, null, () => inFlight.Release(), recorder, unrecorded, ct));
        return claim.Count >= options.Value.BatchSize || claim.BudgetCut;
    }

    /// <summary>Sends and records each invoice Submit hands over as a claim of its own, until the host stops.</summary>
    private async Task TakeHandedAsync(GroupCommit<ClaimOutcome, bool> recorder, ConcurrentDictionary<Task, bool> batches, ConcurrentBag<Guid> unrecorded,
        CancellationToken ct)
    {
        try
        {
            await foreach (var h in handoff.Reader.ReadAllAsync(ct))
                Track(batches, SendAndRecordAsync(new OutboxClaim(h.Token, [h.Invoice], [], 0), new() { [h.Invoice.TransmissionId] = h.Timeline },
                    () => handoff.Release(h.Invoice.Document.Length), recorder, unrecorded, ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // What is still waiting here is handed back when the worker stops.
        }
    }

    private static void Track(ConcurrentDictionary<Task, bool> batches, Task batch)
    {
        batches[batch] = true;
        _ = batch.ContinueWith(done => batches.TryRemove(done, out _), TaskScheduler.Default);
    }

    /// <param name="timelines">The invoices' timelines when known, else read here.</param>
    /// <param name="sent">Frees the batch's sending place, once.</param>
    /// <param name="unrecorded">Where a batch the stop cancels before its outcome is recorded leaves its claim.</param>
    private async Task SendAndRecordAsync(OutboxClaim claim, Dictionary<Guid, List<StatusFacts>>? timelines, Action sent,
        GroupCommit<ClaimOutcome, bool> recorder, ConcurrentBag<Guid> unrecorded, CancellationToken ct)
    {
        var sending = true;
        try
        {
            timelines ??= claim.Remote.Count == 0 ? [] : await lifecycle.TimelinesAsync([.. claim.Remote.Select(i => i.TransmissionId)], ct);
            List<Task<ForwardingResult>> invoiceSends =
                [.. claim.Remote.Select(invoice => ForwardAsync(invoice, timelines.GetValueOrDefault(invoice.TransmissionId) ?? [], ct))];
            List<(ClaimedStatus Status, Task<StatusResult> Send)> statusSends = [.. claim.Statuses.Select(status => (status, statuses.DeliverAsync(status, ct)))];
            Task All() => Task.WhenAll(invoiceSends.Cast<Task>().Concat(statusSends.Select(s => s.Send)));
            var lingering = await LingerIfSlowAsync(All(), claim, ct);
            try
            {
                if (lingering is not null)
                {
                    sending = false;
                    sent();
                    // What has answered is recorded now: a delivery to a healthy partner does not wait for a hung one's
                    // send in the same batch. Outcomes are per row, so the rest of the claim is recorded the same way later.
                    List<Task<ForwardingResult>> doneInvoices = [.. invoiceSends.Where(s => s.IsCompletedSuccessfully)];
                    List<(ClaimedStatus Status, Task<StatusResult> Send)> doneStatuses = [.. statusSends.Where(s => s.Send.IsCompletedSuccessfully)];
                    invoiceSends = [.. invoiceSends.Except(doneInvoices)];
                    statusSends = [.. statusSends.Except(doneStatuses)];
                    await RecordSentAsync(claim.Token, doneInvoices, doneStatuses, recorder);
                }
                await All();
            }
            finally
            {
                if (lingering is { } counted)
                    Unlinger(counted);
            }
            // Sent: the next batch may go while this one waits for its group's commit (its rows stay leased until then).
            if (sending)
            {
                sending = false;
                sent();
            }
            await RecordSentAsync(claim.Token, invoiceSends, statusSends, recorder);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The host is stopping with this batch unrecorded: its rows are handed back.
            unrecorded.Add(claim.Token);
        }
        catch (Exception e) // the top of a batch's own task: nobody awaits it
        {
            logger.LogError(e, "Forwarding a batch of {Count} failed; its rows fall due again when the lease ends", claim.Remote.Count + claim.Statuses.Count);
        }
        finally
        {
            if (sending)
                sent();
        }
    }

    /// <summary>
    /// Waits for <paramref name="sends"/> at most <see cref="SlotHold"/>; still running then, the batch lingers if the
    /// budget has room for its sends and documents: answers what it counts against the budget, null when it finished in
    /// time or keeps its place.
    /// </summary>
    private async Task<(int Sends, long Bytes)?> LingerIfSlowAsync(Task sends, OutboxClaim claim, CancellationToken ct)
    {
        if (sends.IsCompleted)
            return null;
        try
        {
            await sends.WaitAsync(SlotHold, time, ct);
            return null;
        }
        catch (TimeoutException)
        {
        }
        var counted = (Sends: claim.Remote.Count + claim.Statuses.Count, Bytes: claim.Remote.Sum(i => (long)i.Document.Length));
        var o = options.Value;
        lock (_lingerGate)
        {
            if (_lingeringSends + counted.Sends > LingerFactor * o.Workers * o.BatchSize || _lingeringBytes + counted.Bytes > LingerFactor * o.MaxClaimBytes)
                return null;
            _lingeringSends += counted.Sends;
            _lingeringBytes += counted.Bytes;
        }
        logger.LogInformation("A batch of {Count} still sending after {Hold}: it gives its place back and lingers (a slow or hung partner)",
            counted.Sends, SlotHold);
        return counted;
    }

    private void Unlinger((int Sends, long Bytes) counted)
    {
        lock (_lingerGate)
        {
            _lingeringSends -= counted.Sends;
            _lingeringBytes -= counted.Bytes;
        }
    }

    /// <summary>
    /// One group of claims' outcomes, in one transaction that also numbers the events they make: watchers see them at once.
    /// Answers each claim whether outbox rows queued behind the group's final outcomes are due now.
    /// </summary>
    private async Task<IReadOnlyList<bool>> RecordAsync(IReadOnlyList<ClaimOutcome> claims, CancellationToken ct)
    {
        var (numbered, othersDue) = await outbox.RecordAsync(claims, time.Now(), platform.Value.ProviderId, ct);
        events.Numbered(numbered);
        return [.. claims.Select(_ => othersDue)];
    }

    /// <summary>Records the outcomes of finished sends of a claim, in the group commit, and reports them.</summary>
    private async Task RecordSentAsync(Guid token, IReadOnlyList<Task<ForwardingResult>> invoiceSends,
        IReadOnlyList<(ClaimedStatus Status, Task<StatusResult> Send)> statusSends, GroupCommit<ClaimOutcome, bool> recorder)
    {
        if (invoiceSends.Count + statusSends.Count == 0)
            return;
        List<ForwardingResult> results = [.. invoiceSends.Select(s => s.Result)];
        List<(ClaimedStatus Status, StatusResult Result)> statusResults = [.. statusSends.Select(s => (s.Status, s.Send.Result))];
        // A final outcome takes a row out of the outbox: a status queued behind it may be due now.
        if (await recorder.CommitAsync(new ClaimOutcome(token, results, [.. statusResults.Select(s => s.Result)])))
            signal.Pulse();
        Report(results, statusResults);
    }

    private void Report(IReadOnlyList<ForwardingResult> results, IReadOnlyList<(ClaimedStatus Status, StatusResult Result)> statusResults)
    {
        foreach (var r in results)
        {
            Attempts.Add(1, new KeyValuePair<string, object?>("outcome", ExchangeCodes.Code(r.Outcome)), new("destination", "partner"), new("kind", "invoice"));
            if (r.Outcome != AttemptOutcome.Delivered)
                logger.LogWarning("Attempt {Attempt} of transmission {TransmissionId} to {Provider}: {Outcome} ({ErrorCode}: {ErrorDetail})",
                    r.Attempt, r.TransmissionId, r.Destination, r.Outcome, r.ErrorCode, r.ErrorDetail);
        }
        foreach (var (status, r) in statusResults)
        {
            Attempts.Add(1, new KeyValuePair<string, object?>("outcome", ExchangeCodes.Code(r.Outcome)), new("destination", "partner"), new("kind", "status"));
            if (r.Outcome != AttemptOutcome.Delivered)
                logger.LogWarning("Attempt {Attempt} of status {StatusId} ({Code}) of message id {MessageId} to {Provider}: {Outcome} ({Detail})",
                    r.Attempt, status.Status.StatusId, (int)status.Status.Code, status.MessageId, status.ProviderId, r.Outcome, r.Detail);
        }
    }

    private async Task<ForwardingResult> ForwardAsync(ClaimedInvoice invoice, IReadOnlyList<StatusFacts> timeline, CancellationToken ct)
    {
        var started = time.Now();
        var sent = await SendFailures.GuardAsync(() => forwarder.SendAsync(invoice, timeline, ct), logger, $"transmission {invoice.TransmissionId}", ct);
        var finished = time.Now();
        ForwardingResult Result(AttemptOutcome outcome, string statusDetail, DateTimeOffset? retryAt = null) => new(
            invoice.OutboxId, invoice.TransmissionId, invoice.Attempt, invoice.ProviderId, started, finished, outcome,
            sent.ErrorCode, sent.ErrorDetail, statusDetail, sent.Receipt, retryAt) { ReceiptStatuses = sent.ReceiptStatuses };

        if (sent.Receipt is { } receipt)
            return Result(AttemptOutcome.Delivered, $"delivered to {invoice.ProviderId}, receipt {receipt.TransmissionId}"
                + (sent.IgnoredInReceipt.Count == 0 ? "" : $"; left out of its receipt: {string.Join("; ", sent.IgnoredInReceipt)}"));
        if (sent.Permanent)
            return Result(AttemptOutcome.Failed, $"refused by {invoice.ProviderId}: {sent.ErrorCode}: {sent.ErrorDetail}");
        return schedule.NextAttemptAt(invoice.Attempt, invoice.QueuedAt, finished, Random.Shared.NextDouble()) is { } next
            ? Result(AttemptOutcome.Retry, "", next)
            : Result(AttemptOutcome.DeadLettered,
                $"undelivered after {invoice.Attempt} attempts since {invoice.QueuedAt:u}; last error {sent.ErrorCode}: {sent.ErrorDetail}");
    }
}
