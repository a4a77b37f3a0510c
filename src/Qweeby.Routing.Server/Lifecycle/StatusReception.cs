using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Core.Identifiers;
using Qweeby.Routing.Core.Lifecycle;
using Qweeby.Routing.Data.Directory;
using Qweeby.Routing.Data.Exchange;
using Qweeby.Routing.Data.Lifecycle;
using Qweeby.Routing.Hosting.Grpc;
using Qweeby.Routing.Server.Exchange;
using FieldViolation = Google.Rpc.BadRequest.Types.FieldViolation;

namespace Qweeby.Routing.Server.Lifecycle;

/// <summary>
/// ReceiveStatus: a partner access point delivers a status of an invoice exchanged with it. A
/// supplier's status (or its platform's) concerns an invoice it delivered here; a buyer's (or its
/// platform's) one we sent it. The partner only ever speaks for its own end, and its status is recorded
/// as set there; the state machine decides as for our own callers. A repeat (its retry) is answered. A status
/// refused while the invoice we sent is not recorded as delivered here may have overtaken the receipt that
/// carries the statuses it follows: it is answered UNAVAILABLE (DELIVERY_NOT_RECORDED), and the partner retries;
/// refused while the delivery was being recorded, it is proposed once more.
/// Statuses that arrive while others commit are recorded together, in one transaction
/// (<see cref="GroupCommit{TItem, TResult}"/>); each answer is given once its own group has committed.
/// </summary>
public sealed class StatusReception(
    LifecycleStore store,
    TransmissionStore transmissions,
    RoutingFactsLoader facts,
    ExchangeEventSignals events,
    TimeProvider time,
    ILogger<StatusReception> logger)
{
    // A group serves many calls, so no single call's token cancels it; each write is recorded at its group's time and
    // numbered for the streams in its group's transaction.
    private readonly GroupCommit<StatusWrite, (LifecycleDecision Decision, DateTimeOffset RecordedAt)> _writes = new(async writes =>
    {
        var at = time.Now();
        var (decisions, numbered) = await store.ProposeNumberedAsync(writes, at, CancellationToken.None);
        events.Numbered(numbered);
        return [.. decisions.Select(d => (d, at))];
    });

    public async Task<ReceiveStatusReply> ReceiveAsync(ReceiveStatusRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var partner = ExchangeAccess.Partner(context);
        if (!(await facts.LoadProvidersAsync(ct)).Any(p => p.ProviderId == partner && p.IsActive))
            throw RpcErrors.PartnerUnknown(partner).ToException();
        var now = time.Now();
        var (sender, status) = Parse(request, partner, now);

        var (supplierSide, buyerSide) = await store.FindForPartnerAsync(partner, sender, request.MessageId, ct);
        var invoice = Concerned(status, supplierSide, buyerSide)
            ?? throw RpcErrors.InvoiceNotFound(sender, request.MessageId, partner).ToException();
        // The partner stands at the other end of the invoice from us.
        var setter = LifecycleCodes.Setter(status.SetBy, invoice.Side.Other());
        if (setter is null)
            throw RpcErrors.StatusNotAllowed(invoice.Id.ToString(), status.Code, null, [],
                StatusParser.NotFromThatEnd(status, invoice.Side.Other())).ToException();

        var write = StatusWrite.On(invoice, status, setter.Value, null) with { FromPartner = true };
        var (decision, recordedAt) = await _writes.CommitAsync(write).WaitAsync(ct);
        if (decision.Verdict == LifecycleVerdict.Refuse && invoice.Side == InvoiceSide.Supplier)
        {
            // The status may have overtaken the receipt that carries the statuses it follows (202, 203). The delivery and
            // those statuses are recorded in one transaction: not delivered yet, the partner retries; delivered by now
            // (perhaps just after this decision), the status is proposed once more against the timeline they completed.
            if (!await DeliveredAsync(invoice.TransmissionId!.Value, ct))
                throw RpcErrors.DeliveryNotRecorded(invoice.Id.ToString(), status.Code).ToException();
            (decision, recordedAt) = await _writes.CommitAsync(write).WaitAsync(ct);
        }
        switch (decision.Verdict)
        {
            case LifecycleVerdict.Refuse:
                throw RpcErrors.StatusNotAllowed(invoice.Id.ToString(), status.Code, decision.Current, decision.AllowedNext, decision.Explanation).ToException();
            case LifecycleVerdict.Conflict:
                throw RpcErrors.StatusIdConflict(status.StatusId.ToString(), decision.Explanation).ToException();
            case LifecycleVerdict.Record:
                logger.LogDebug("Status {Code} of {Sender}/{MessageId} received from {Partner}", (int)status.Code, sender, request.MessageId, partner);
                return new ReceiveStatusReply { StatusId = status.StatusId.ToString(), Recorded = true, RecordedAt = Timestamp.FromDateTimeOffset(recordedAt) };
        }
        var existing = decision.Existing!.Value.StatusId;
        var recorded = (await store.TimelineAsync(invoice.TimelineId, ct)).Last(s => s.Facts.StatusId == existing);
        return new ReceiveStatusReply { StatusId = existing.ToString(), Recorded = false, RecordedAt = Timestamp.FromDateTimeOffset(recorded.RecordedAt) };
    }

    /// <summary>
    /// Whether this access point recorded the delivery of the invoice we sent, with the statuses its receipt carried. Not yet:
    /// still on its way, or given up here (failed, dead-lettered) while the partner may hold it: an operator's replay
    /// brings its receipt, after which the partner's retries are recorded.
    /// </summary>
    private async Task<bool> DeliveredAsync(Guid transmissionId, CancellationToken ct) =>
        (await transmissions.GetAsync(transmissionId, ct))?.Status == TransmissionState.Delivered;

    /// <summary>
    /// Which of our records the status is about: a supplier's goes to an invoice the partner delivered
    /// here, a buyer's to one we sent it; a platform's by the codes each end's platform sets.
    /// </summary>
    private static TimelineRef? Concerned(StatusFacts status, TimelineRef? supplierSide, TimelineRef? buyerSide) => status.SetBy switch
    {
        Core.Lifecycle.LifecycleParty.Supplier => buyerSide,
        Core.Lifecycle.LifecycleParty.Buyer => supplierSide,
        _ when supplierSide is not null && LifecycleCodes.MaySet(LifecycleSetter.BuyerPlatform, status.Code) => supplierSide,
        _ => buyerSide ?? supplierSide,
    };

    private static (string Sender, StatusFacts Status) Parse(ReceiveStatusRequest request, string partner, DateTimeOffset now)
    {
        var violations = new List<FieldViolation>();
        string? sender = null;
        if (PartyId.TryParse(request.Sender, out var id, out var error))
            sender = id.ToString();
        else
            violations.Add(RpcErrors.Violation("sender", error));
        if (request.MessageId.Length is 0 or > EnvelopeParser.MaxMessageIdLength || request.MessageId.Any(char.IsControl))
            violations.Add(RpcErrors.Violation("message_id", request.MessageId.Length == 0 ? "REQUIRED" : "FORMAT",
                $"The sender's message id of the invoice: 1 to {EnvelopeParser.MaxMessageIdLength} characters, no control characters."));
        var status = StatusParser.ParseTravelling(request.Status, "status", partner, now, violations);
        if (violations.Count > 0)
            throw RpcErrors.Invalid(violations).ToException();
        return (sender!, status!);
    }
}
