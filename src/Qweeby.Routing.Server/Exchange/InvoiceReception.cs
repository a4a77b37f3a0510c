using System.Diagnostics;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Core.Routing;
using Qweeby.Routing.Data.Directory;
using Qweeby.Routing.Data.Exchange;
using Qweeby.Routing.Data.Lifecycle;
using Qweeby.Routing.Server.Lifecycle;
using Qweeby.Routing.Hosting.Grpc;
using Qweeby.Routing.Server.Directory;

namespace Qweeby.Routing.Server.Exchange;

/// <summary>
/// Receive: a partner access point delivers an invoice for a recipient hosted here. The receiver's
/// rules (supplier directory, consent, the recipient itself) are the directory's own, applied with the
/// envelope's sender. A partner's retry gets the original receipt, never a second inbox item. The
/// invoice's timeline opens with the statuses that came with it, then 202 Reçue and 203 Mise à
/// disposition, which travel back to the partner: in the receipt (and its every repeat) when the partner
/// asked for it, else by ReceiveStatus through the outbox. Deliveries that arrive while others commit are stored
/// together, in one transaction (<see cref="GroupCommit{TItem, TResult}"/>); each receipt is given only
/// once its own group has committed.
/// </summary>
public sealed class InvoiceReception(
    RecipientResolver resolver,
    UnapprovedSuppliers unapproved,
    RoutingFactsLoader facts,
    InboxStore inbox,
    LifecycleStore lifecycle,
    OutboxSignal outbox,
    ExchangeEventSignals events,
    IOptions<ExchangeOptions> options,
    IOptions<PlatformOptions> platform,
    TimeProvider time,
    ILogger<InvoiceReception> logger)
{
    // Concurrent deliveries share a transaction (one that cannot be stored fails only its own call); a group serves many
    // calls, so no single call's token cancels it.
    private readonly GroupCommit<InboxDelivery, bool> _inserts = new(deliveries => inbox.TryInsertAsync(deliveries, CancellationToken.None),
        ItemFailures.MayBeOneItems);

    public async Task<ReceiveReceipt> ReceiveAsync(ReceiveRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var now = time.Now();
        // The security layer admits only active providers' certificates; the directory is asked again so a
        // provider known to the credentials store but not routable here cannot deliver.
        var partner = ExchangeAccess.Partner(context);
        var partnerFacts = (await facts.LoadProvidersAsync(ct)).FirstOrDefault(p => p.ProviderId == partner && p.IsActive)
            ?? throw RpcErrors.PartnerUnknown(partner).ToException();
        var parsed = EnvelopeParser.ParseReceive(request, options.Value.MaxDocumentBytes, now);
        var sent = ReceivedTimeline.Parse(request.Statuses, partner, now);
        var envelope = parsed.ToEnvelope(parsed.RecipientId!.Value.ToString());
        Activity.Current?.SetTag("qweeby.message_id", envelope.MessageId);

        var query = new RoutingQuery(parsed.Sender, parsed.RecipientId, null, envelope.DocumentType, envelope.Process)
        {
            At = envelope.IssueDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        };
        var decision = await resolver.ResolveAsync(query, ct);
        var us = platform.Value.ProviderId;
        var notHostedHere = decision.Rejection is null
            && decision.Route!.Provider.ProviderId != us && !decision.Recipient!.Registrations.Any(r => r.ProviderId == us);
        // A retry of a delivery made before the directory changed still gets its receipt; the key is only
        // looked up on this path and after a conflict, not before every first delivery.
        var inReceipt = request.StatusesInReceipt;
        if ((decision.Rejection is not null || notHostedHere) && await inbox.FindAsync(partner, envelope.Sender, envelope.MessageId, ct) is { } earlier)
            return await RetriedAsync(earlier, envelope, inReceipt, ct);
        if (decision.Rejection is { } rejection)
        {
            await unapproved.RecordAsync(decision, ct);
            throw RpcErrors.Rejected(rejection).ToException();
        }
        if (notHostedHere)
            throw RpcErrors.RecipientNotHostedHere(envelope.RecipientId, us).ToException();
        var recipient = decision.Recipient!;

        var item = new NewInboxItem(Guid.CreateVersion7(now), recipient.EntityId, partner, envelope, parsed.Document, Activity.Current?.Id, now);
        var timeline = ReceivedTimeline.Writes(item.InboxItemId, sent, new StatusDestination(partner, partnerFacts.Endpoint, inReceipt), us, now);
        if (!await _inserts.CommitAsync(new InboxDelivery(item, timeline)).WaitAsync(ct))
        {
            var first = await inbox.FindAsync(partner, envelope.Sender, envelope.MessageId, ct)
                ?? throw new InvalidOperationException($"Inbox key of message id {envelope.MessageId} conflicted, yet no item holds it.");
            return await RetriedAsync(first, envelope, inReceipt, ct);
        }
        events.Written.Pulse();
        if (timeline.Any(w => w.TravelsTo is { InReceipt: false }))
            outbox.Pulse();
        Activity.Current?.SetTag("qweeby.transmission_id", item.InboxItemId);
        logger.LogDebug("Received {TransmissionId} (message id {MessageId}) from partner {Partner} for {Recipient}",
            item.InboxItemId, envelope.MessageId, partner, envelope.RecipientId);
        var receipt = new Receipt(item.InboxItemId.ToString(), now, envelope.ContentSha256).ToProto(envelope.MessageId);
        if (inReceipt)
            receipt.Statuses.Add(timeline.Where(w => w.TravelsTo is not null).Select(w => w.Facts.ToProto()));
        return receipt;
    }

    /// <summary>
    /// The first delivery's receipt, with the statuses set here on reception when asked (whichever way they travelled then).
    /// Not asked, though the first delivery asked, they are queued for ReceiveStatus now: the partner's answer to the first
    /// may have been lost, and this sender may not read receipts.
    /// </summary>
    private async Task<ReceiveReceipt> RetriedAsync(InboxItemRecord first, InvoiceEnvelope envelope, bool inReceipt, CancellationToken ct)
    {
        var differences = EnvelopeDifferences.Of(first.Envelope, envelope, first.Envelope.RecipientId == envelope.RecipientId);
        if (differences.Count > 0)
            throw RpcErrors.MessageIdConflict(envelope.MessageId, first.InboxItemId.ToString(), differences).ToException();
        var receipt = first.Receipt.ToProto(envelope.MessageId);
        if (inReceipt)
            receipt.Statuses.Add((await lifecycle.TimelineAsync(first.InboxItemId, ct))
                .Where(s => ReceivedTimeline.SetOnReception(s.Facts, platform.Value.ProviderId)).Select(s => s.Facts.ToProto()));
        else if (await lifecycle.QueueReceiptStatusesAsync(first.InboxItemId, time.Now(), ct) > 0)
            outbox.Pulse();
        return receipt;
    }
}
