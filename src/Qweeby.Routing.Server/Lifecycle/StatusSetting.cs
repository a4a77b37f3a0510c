using Grpc.Core;
using Microsoft.Extensions.Options;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Core.Lifecycle;
using Qweeby.Routing.Data.Exchange;
using Qweeby.Routing.Data.Lifecycle;
using Qweeby.Routing.Hosting.Grpc;
using Qweeby.Routing.Server.Exchange;

namespace Qweeby.Routing.Server.Lifecycle;

/// <summary>
/// SetStatus: a supplier's status on a transmission, a buyer's on an inbox item. The state machine
/// decides under the timeline's lock; an allowed status is recorded and, when the other end of the
/// invoice is another access point, queued for it in the same transaction.
/// </summary>
public sealed class StatusSetting(
    LifecycleStore store,
    OutboxSignal outbox,
    ExchangeEventSignals events,
    IOptions<PlatformOptions> platform,
    TimeProvider time,
    ILogger<StatusSetting> logger)
{
    public async Task<SetStatusReply> SetAsync(SetStatusRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var (id, parsed) = StatusParser.ParseSet(request);
        var invoice = await store.FindAsync(id, ct) ?? throw RpcErrors.TransmissionNotFound(request.TransmissionId).ToException();
        var caller = ExchangeAccess.DemandStatusSetter(context, invoice);
        var now = time.Now();
        var setter = invoice.CallerSetter();
        var status = new StatusFacts(parsed.StatusId ?? Guid.CreateVersion7(now), parsed.Code, now, setter.Party(), caller.Id,
            platform.Value.ProviderId, parsed.ReasonCode, parsed.Reason, parsed.Amount, parsed.Currency);
        var travelsTo = LifecycleCodes.Travels(setter) ? invoice.OtherEnd : null;

        var decision = (await store.ProposeAsync([StatusWrite.On(invoice, status, setter, travelsTo) with { IdChosen = parsed.StatusId is not null }], now, ct))[0];
        switch (decision.Verdict)
        {
            case LifecycleVerdict.Refuse:
                throw RpcErrors.StatusNotAllowed(request.TransmissionId, parsed.Code, decision.Current, decision.AllowedNext, decision.Explanation).ToException();
            case LifecycleVerdict.Conflict:
                throw RpcErrors.StatusIdConflict(status.StatusId.ToString(), decision.Explanation).ToException();
            case LifecycleVerdict.Record:
                events.Written.Pulse();
                if (travelsTo is not null)
                    outbox.Pulse();
                logger.LogDebug("Status {Code} set on {TransmissionId} by {Caller}", (int)parsed.Code, id, caller.Id);
                break;
        }
        var statuses = await store.TimelineAsync(invoice.TimelineId, ct);
        var shown = decision.Verdict == LifecycleVerdict.Record ? status.StatusId : decision.Existing!.Value.StatusId;
        return new SetStatusReply
        {
            Status = statuses.Last(s => s.Facts.StatusId == shown).ToProto(),
            Recorded = decision.Verdict == LifecycleVerdict.Record,
            Timeline = invoice.ToTimeline(statuses, setter),
        };
    }
}
