using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Core.Lifecycle;
using Qweeby.Routing.Data.Exchange;
using Qweeby.Routing.Data.Lifecycle;
using Qweeby.Routing.Server.Lifecycle;
using Qweeby.Routing.Hosting;

namespace Qweeby.Routing.Server.Exchange;

/// <summary>
/// Calls the Receive endpoint of the recipient's access point (which runs this same service) with a
/// deadline. The call runs in a span whose parent is the submission's trace, and Grpc.Net.Client carries
/// that context in the metadata: the partner's spans join the same trace. The partner knows us by the
/// client certificate the channel presents. It asks for the partner's reception statuses (202, 203) in the
/// receipt, recorded with the delivery: two calls fewer per invoice than by ReceiveStatus.
/// </summary>
public sealed class PartnerForwarder(PartnerChannels channels, IOptions<ExchangeOptions> options, TimeProvider time)
{
    /// <param name="timeline">The invoice's statuses here: those that go with it (200, 201) open its timeline at the other end.</param>
    public async Task<SendOutcome> SendAsync(ClaimedInvoice invoice, IReadOnlyList<StatusFacts> timeline, CancellationToken ct)
    {
        ActivityContext.TryParse(invoice.TraceParent, null, out var parent);
        using var activity = Telemetry.Source.StartActivity("forward invoice", ActivityKind.Internal, parent);
        activity?.SetTag("qweeby.transmission_id", invoice.TransmissionId);
        activity?.SetTag("qweeby.message_id", invoice.Envelope.MessageId);
        activity?.SetTag("qweeby.provider", invoice.ProviderId);
        activity?.SetTag("qweeby.attempt", invoice.Attempt);

        if (!PartnerChannels.IsUsable(invoice.Endpoint))
            return SendOutcome.Refused("ENDPOINT_INVALID", $"Provider {invoice.ProviderId} has endpoint '{invoice.Endpoint}', which is not an http(s) URL.");
        var client = new Contracts.V1.Exchange.ExchangeClient(channels.For(invoice.Endpoint));
        var request = new ReceiveRequest
        {
            Envelope = invoice.Envelope.ToProto(new RecipientReference { Identifier = invoice.Envelope.RecipientId }),
            // The claimed bytes are not touched again while the call runs: no copy.
            Document = UnsafeByteOperations.UnsafeWrap(invoice.Document),
            RecipientId = invoice.Envelope.RecipientId,
            Statuses = { timeline.Where(s => LifecycleCodes.GoesWithInvoice(s.Code)).Select(s => s.ToProto()) },
            StatusesInReceipt = true,
        };
        try
        {
            var receipt = await client.ReceiveAsync(request, null, time.GetUtcNow().UtcDateTime + options.Value.SendTimeout, ct);
            if (receipt.ContentSha256 != invoice.Envelope.ContentSha256)
                return SendOutcome.Refused("RECEIPT_MISMATCH",
                    $"{invoice.ProviderId} acknowledged a document with SHA-256 {receipt.ContentSha256}, not the one sent ({invoice.Envelope.ContentSha256}).");
            var now = time.GetUtcNow();
            var (statuses, ignored) = ReceiptStatuses.Read(receipt.Statuses, invoice.TransmissionId, invoice.ProviderId, now);
            return SendOutcome.Delivered(new Receipt(PartnerReplies.Id(receipt.TransmissionId), PartnerReplies.ReceivedAt(receipt.ReceivedAt, now), receipt.ContentSha256))
                with { ReceiptStatuses = statuses, IgnoredInReceipt = ignored };
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
