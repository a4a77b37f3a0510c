using System.Diagnostics;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Core.Directory;
using Qweeby.Routing.Core.Routing;
using Qweeby.Routing.Data.Exchange;
using Qweeby.Routing.Data.Lifecycle;
using Qweeby.Routing.Hosting.Security;
using Qweeby.Routing.Hosting;
using Qweeby.Routing.Hosting.Grpc;
using Qweeby.Routing.Server.Directory;
using Qweeby.Routing.Server.Grpc;
using Channel = Qweeby.Routing.Core.Directory.Channel;

namespace Qweeby.Routing.Server.Exchange;

/// <summary>
/// Submit: check, resolve with the directory's rules, store everything in one transaction. An invoice for
/// a partner is leased to this host's sender in that transaction and handed to it in memory
/// (<see cref="OutboxHandoff"/>): no claim, no second read of the document. Otherwise (hosted here, or the
/// sender is full or stopping) the forwarding worker is woken to claim it. The sender's message id makes it idempotent: a retry, even a concurrent one or one
/// made after the directory changed, gets the first answer. Invoices submitted while others commit are stored together, in
/// one transaction (<see cref="GroupCommit{TItem, TResult}"/>; one that cannot be stored fails only its own call), and
/// each is answered once its own group has committed.
/// </summary>
public sealed class InvoiceSubmission(
    RecipientResolver resolver,
    UnapprovedSuppliers unapproved,
    TransmissionStore store,
    OutboxSignal outbox,
    OutboxHandoff handoff,
    ExchangeEventSignals events,
    IOptions<ExchangeOptions> options,
    IOptions<PlatformOptions> platform,
    TimeProvider time,
    ILogger<InvoiceSubmission> logger)
{
    // A group serves many calls, so no single call's token cancels it.
    private readonly GroupCommit<TransmissionInsert, long?> _inserts = new(inserts => store.TryInsertAsync(inserts, CancellationToken.None),
        ItemFailures.MayBeOneItems);

    public async Task<SubmitReply> SubmitAsync(SubmitRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var now = time.Now();
        var (parsed, query) = EnvelopeParser.ParseSubmit(request, options.Value.MaxDocumentBytes, now);
        Activity.Current?.SetTag("qweeby.message_id", parsed.MessageId);

        var decision = await resolver.ResolveAsync(query, ExchangeAccess.Submitter(context), ct);
        if (decision.Rejection is { } rejection)
        {
            if (decision.Sender is { } known && await store.FindByMessageIdAsync(known.EntityId, parsed.MessageId, ct) is { } earlier)
                return Retried(earlier, parsed, query);
            await unapproved.RecordAsync(decision, ct);
            throw RpcErrors.Rejected(rejection).ToException();
        }

        var deposited = StatusFacts.ByPlatform(Core.Lifecycle.LifecycleCode.Deposited, now, platform.Value.ProviderId) with { SetByCaller = context.GetCaller().Id };
        var transmission = ToTransmission(decision, parsed, query, now, deposited);
        var bytes = transmission.Document.Length;
        var lease = transmission.Route.Channel == Channel.Interoperability && handoff.TryReserve(bytes)
            ? new OutboxLease(Guid.NewGuid(), options.Value.LeaseDuration, StatusFacts.ByPlatform(Core.Lifecycle.LifecycleCode.Issued, now, platform.Value.ProviderId))
            : null;
        long? outboxId;
        try
        {
            // Not cancelled with the call: the commit runs to its end anyway, and what follows it (the hand-over of a leased
            // row) must follow it, or the invoice would wait for its lease to end before being forwarded.
            outboxId = await _inserts.CommitAsync(new TransmissionInsert(transmission, lease));
        }
        catch
        {
            if (lease is not null)
                handoff.GiveUp(bytes);
            throw;
        }
        if (outboxId is not { } queued)
        {
            if (lease is not null)
                handoff.GiveUp(bytes);
            var first = await store.FindByMessageIdAsync(transmission.SenderEntityId, parsed.MessageId, ct)
                ?? throw new InvalidOperationException($"Message id {parsed.MessageId} conflicted, yet no transmission holds it.");
            return Retried(first, parsed, query);
        }
        if (lease is not null)
            handoff.Hand(new HandedInvoice(lease.Token, transmission.Leased(queued), [deposited, lease.Issued]));
        else
            outbox.Pulse();
        events.Written.Pulse();
        Activity.Current?.SetTag("qweeby.transmission_id", transmission.TransmissionId);
        logger.LogDebug("Accepted transmission {TransmissionId} (message id {MessageId}) from {Sender} for {Provider}",
            transmission.TransmissionId, parsed.MessageId, parsed.Sender, transmission.Route.ProviderId);
        return new SubmitReply
        {
            TransmissionId = transmission.TransmissionId.ToString(),
            MessageId = parsed.MessageId,
            Status = TransmissionStatus.Accepted,
            Route = decision.Route!.ToProto(),
            AcceptedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(now),
            ContentSha256 = parsed.ContentSha256,
        };
    }

    private static NewTransmission ToTransmission(RoutingDecision decision, ParsedEnvelope parsed, RoutingQuery query, DateTimeOffset now,
        StatusFacts deposited)
    {
        var route = decision.Route!;
        var provider = route.Provider;
        var recipient = decision.Recipient!;
        var reference = StoredReference(query);
        if (provider.Channel is not (Channel.Interoperability or Channel.Hosted))
            throw RpcErrors.ChannelNotSupported(reference, provider.ProviderId, DataCodes(provider.Channel)).ToException();
        // The identifier the sender addressed, or for a customer number (private to the sender) the recipient's first one.
        var recipientId = query.RecipientId?.ToString() ?? recipient.Identifiers.FirstOrDefault() ?? "";
        if (recipientId.Length == 0 && provider.Channel == Channel.Interoperability)
            throw RpcErrors.RecipientHasNoIdentifier(reference, provider.ProviderId).ToException();
        return new NewTransmission(
            Guid.CreateVersion7(now),
            decision.Sender!.EntityId,
            reference,
            recipient.EntityId,
            parsed.ToEnvelope(recipientId),
            parsed.Document,
            new StoredRoute(provider.ProviderId, provider.Name, provider.Endpoint, provider.Channel, route.ChosenBecause),
            Activity.Current?.Id,
            now,
            deposited);
    }

    /// <summary>The first answer again, unless the message id now names a different invoice.</summary>
    private static SubmitReply Retried(TransmissionRecord first, ParsedEnvelope parsed, RoutingQuery query)
    {
        var differences = EnvelopeDifferences.Of(first.Envelope, parsed.ToEnvelope(first.Envelope.RecipientId), first.RecipientReference == StoredReference(query));
        if (differences.Count > 0)
            throw RpcErrors.MessageIdConflict(parsed.MessageId, first.TransmissionId.ToString(), differences).ToException();
        return first.ToSubmitReply();
    }

    private static string StoredReference(RoutingQuery query) =>
        query.RecipientId?.ToString() ?? ExchangeReplies.CustomerNumberPrefix + query.CustomerNumber!.Value.Value;

    private static string DataCodes(Channel channel) => Data.Directory.DirectoryCodes.Code(channel);
}
