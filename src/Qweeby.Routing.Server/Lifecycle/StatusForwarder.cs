using System.Diagnostics;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Data.Exchange;
using Qweeby.Routing.Hosting;
using Qweeby.Routing.Server.Exchange;
using AttemptOutcome = Qweeby.Routing.Data.Exchange.AttemptOutcome;

namespace Qweeby.Routing.Server.Lifecycle;

/// <summary>
/// Delivers a claimed status to the ReceiveStatus endpoint of the access point at the other end of its
/// invoice, over the same channels as invoices, and sorts the outcome as for invoices: a refusal is
/// final (FAILED, with the partner's reason), anything else retried with the same backoff until the
/// attempt or age limit (DEAD_LETTERED).
/// </summary>
public sealed class StatusForwarder(PartnerChannels channels, RetrySchedule schedule, IOptions<ExchangeOptions> options, TimeProvider time,
    ILogger<StatusForwarder> logger)
{
    public async Task<StatusResult> DeliverAsync(ClaimedStatus status, CancellationToken ct)
    {
        var sent = await SendFailures.GuardAsync(() => SendAsync(status, ct), logger, $"status {status.Status.StatusId}", ct);
        StatusResult Result(AttemptOutcome outcome, string detail, DateTimeOffset? retryAt = null) =>
            new(status.OutboxId, status.Attempt, outcome, sent.ErrorCode, detail, retryAt);

        if (sent.Receipt is { } receipt)
            return Result(AttemptOutcome.Delivered, $"recorded by {status.ProviderId} at {receipt.ReceivedAt:u}");
        if (sent.Permanent)
            return Result(AttemptOutcome.Failed, $"refused by {status.ProviderId}: {sent.ErrorCode}: {sent.ErrorDetail}");
        var now = time.GetUtcNow();
        return schedule.NextAttemptAt(status.Attempt, status.QueuedAt, now, Random.Shared.NextDouble()) is { } next
            ? Result(AttemptOutcome.Retry, $"attempt {status.Attempt}: {sent.ErrorCode}: {sent.ErrorDetail}", next)
            : Result(AttemptOutcome.DeadLettered, $"undelivered after {status.Attempt} attempts since {status.QueuedAt:u}; last error {sent.ErrorCode}: {sent.ErrorDetail}");
    }

    private async Task<SendOutcome> SendAsync(ClaimedStatus status, CancellationToken ct)
    {
        using var activity = Telemetry.Source.StartActivity("forward status");
        activity?.SetTag("qweeby.message_id", status.MessageId);
        activity?.SetTag("qweeby.status_id", status.Status.StatusId);
        activity?.SetTag("qweeby.provider", status.ProviderId);
        if (!PartnerChannels.IsUsable(status.Endpoint))
            return SendOutcome.Refused("ENDPOINT_INVALID", $"Provider {status.ProviderId} has endpoint '{status.Endpoint}', which is not an http(s) URL.");
        var client = new Contracts.V1.Exchange.ExchangeClient(channels.For(status.Endpoint));
        var request = new ReceiveStatusRequest
        {
            Sender = status.Sender,
            MessageId = status.MessageId,
            RecipientId = status.RecipientId,
            Status = status.Status.ToProto(),
        };
        try
        {
            var reply = await client.ReceiveStatusAsync(request, null, time.GetUtcNow().UtcDateTime + options.Value.SendTimeout, ct);
            // A status's receipt: the receiver's id for it is the status id itself.
            return SendOutcome.Delivered(new Data.Exchange.Receipt(PartnerReplies.Id(reply.StatusId), PartnerReplies.ReceivedAt(reply.RecordedAt, time.GetUtcNow()), ""));
        }
        catch (RpcException) when (ct.IsCancellationRequested)
        {
            // The host is stopping: record nothing; the worker hands the row back as it stops.
            throw new OperationCanceledException(ct);
        }
        catch (RpcException e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Status.Detail);
            return PartnerFailures.Classify(e);
        }
    }
}
