using System.Diagnostics;
using Grpc.Core;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Exchange;

/// <summary>Submit at A, forwarding to B (another instance of this service with its own database), receipts back at A.</summary>
public sealed class ForwardingTests(ExchangeFixture fx) : IClassFixture<ExchangeFixture>
{
    private ExchangePeers Peers => fx.Peers;

    [Fact]
    public async Task An_invoice_for_a_customer_of_B_lands_once_in_Bs_inbox_and_A_records_Bs_receipt()
    {
        var pair = await Peers.PairAsync();
        var request = Invoices.Submit(pair.Sender, pair.Recipient);

        var accepted = await Peers.ClientA.SubmitAsync(request);
        var delivered = await Peers.ClientA.StatusAsync(accepted.TransmissionId, TransmissionStatus.Delivered);

        Assert.Equal(TransmissionStatus.Accepted, accepted.Status);
        Assert.Equal(ExchangePeers.ProviderB, accepted.Route.Provider.ProviderId);
        var inboxId = await Peers.SeedB.ScalarAsync<Guid>("SELECT inbox_item_id FROM inbox_item WHERE message_id = $1", request.Envelope.MessageId);
        Assert.Equal(1, await Peers.SeedB.CountAsync("SELECT count(*) FROM inbox_item WHERE message_id = $1", request.Envelope.MessageId));
        Assert.Equal(inboxId.ToString(), delivered.Receipt.TransmissionId);
        Assert.Equal(Invoices.Sha256(request.Document.ToByteArray()), delivered.Receipt.ContentSha256);
        Assert.Equal([TransmissionStatus.Accepted, TransmissionStatus.Forwarding, TransmissionStatus.Delivered], delivered.Events.Select(e => e.Status));
        var attempt = Assert.Single(delivered.Attempts);
        Assert.Equal((AttemptOutcome.Delivered, ExchangePeers.ProviderB), (attempt.Outcome, attempt.Destination));

        var inbox = await Peers.InboxClientB.FetchInboxAsync(new FetchInboxRequest { Recipient = pair.Recipient });
        var item = Assert.Single(inbox.Items);
        Assert.Equal(request.Document, item.Document);
        Assert.Equal((ExchangePeers.ProviderA, $"0009:{pair.Sender}"), (item.FromProviderId, item.Envelope.Sender));
    }

    [Fact]
    public async Task One_trace_spans_the_submission_at_A_and_the_reception_at_B()
    {
        var pair = await Peers.PairAsync();
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        SubmitReply accepted;
        // The supplier's platform calls inside its own trace; the client propagates it as W3C traceparent.
        using (new Activity("supplier platform submits").SetParentId(ActivityTraceId.CreateFromString(traceId), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded).Start())
            accepted = await Peers.ClientA.SubmitAsync(Invoices.Submit(pair.Sender, pair.Recipient));
        await Peers.ClientA.StatusAsync(accepted.TransmissionId, TransmissionStatus.Delivered);

        var atA = await Peers.SeedA.ScalarAsync<string>("SELECT trace_parent FROM transmission WHERE transmission_id = $1", Guid.Parse(accepted.TransmissionId));
        var atB = await Peers.SeedB.ScalarAsync<string>("SELECT trace_parent FROM inbox_item WHERE message_id = $1", accepted.MessageId);
        Assert.Contains(traceId, atA, StringComparison.Ordinal);
        Assert.Contains(traceId, atB, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Twenty_concurrent_submits_of_one_message_id_make_one_transmission_delivered_once()
    {
        var pair = await Peers.PairAsync();
        var request = Invoices.Submit(pair.Sender, pair.Recipient);

        var replies = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ => await Peers.ClientA.SubmitAsync(request)));
        await Peers.ClientA.StatusAsync(replies[0].TransmissionId, TransmissionStatus.Delivered);
        var again = await Peers.ClientA.SubmitAsync(request);

        Assert.Single(replies.Select(r => r.TransmissionId).Append(again.TransmissionId).Distinct());
        Assert.Equal(TransmissionStatus.Delivered, again.Status);
        var id = Guid.Parse(again.TransmissionId);
        Assert.Equal(1, await Peers.SeedA.CountAsync("SELECT count(*) FROM transmission WHERE message_id = $1", request.Envelope.MessageId));
        Assert.Equal(1, await Peers.SeedA.CountAsync("SELECT count(*) FROM transmission_event WHERE transmission_id = $1 AND status = 'accepted'", id));
        Assert.Equal(1, await Peers.SeedA.CountAsync("SELECT count(*) FROM delivery_attempt WHERE transmission_id = $1", id));
        Assert.Equal(1, await Peers.SeedB.CountAsync("SELECT count(*) FROM inbox_item WHERE message_id = $1", request.Envelope.MessageId));
    }

    [Fact]
    public async Task The_same_message_id_with_another_document_is_a_conflict()
    {
        var pair = await Peers.PairAsync();
        var first = Invoices.Submit(pair.Sender, pair.Recipient);
        var accepted = await Peers.ClientA.SubmitAsync(first);
        var changed = Invoices.Submit(pair.Sender, pair.Recipient, first.Envelope.MessageId, Invoices.Document("F-other"));

        var conflict = await RpcAssert.FailsAsync(StatusCode.AlreadyExists, () => Peers.ClientA.SubmitAsync(changed).ResponseAsync);

        Assert.Equal("MESSAGE_ID_CONFLICT", conflict.Reason());
        Assert.Contains(accepted.TransmissionId, conflict.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("document", conflict.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_submit_refused_by_a_closed_supplier_directory_puts_the_supplier_on_the_receivers_pending_list()
    {
        var sender = TestIds.Siret(TestIds.Siren());
        var recipient = TestIds.Siret(TestIds.Siren());
        var senderId = await Peers.SeedA.CompanyAsync("Hopeful Supplier", sender);
        var recipientId = await Peers.SeedA.CompanyAsync("Picky Customer", recipient, ExchangePeers.ProviderA);
        await Peers.SeedA.CloseSupplierDirectoryAsync(recipientId);

        var refused = await RpcAssert.FailsAsync(Grpc.Core.StatusCode.FailedPrecondition,
            () => Peers.ClientA.SubmitAsync(Invoices.Submit(sender, recipient)).ResponseAsync);

        Assert.Equal("SUPPLIER_NOT_APPROVED", refused.Reason());
        Assert.Equal(1, await Peers.SeedA.CountAsync(
            "SELECT count(*) FROM supplier_approval WHERE receiver_id = $1 AND supplier_id = $2 AND state = 'pending'", recipientId, senderId));
    }

    [Fact]
    public async Task An_invoice_between_two_entities_hosted_at_A_goes_to_As_inbox_without_a_network_hop()
    {
        var sender = TestIds.Siret(TestIds.Siren());
        var recipient = TestIds.Siret(TestIds.Siren());
        await Peers.SeedA.CompanyAsync("Local Supplier", sender);
        await Peers.SeedA.CompanyAsync("Local Customer", recipient, ExchangePeers.ProviderA);

        var accepted = await Peers.ClientA.SubmitAsync(Invoices.Submit(sender, recipient));
        var delivered = await Peers.ClientA.StatusAsync(accepted.TransmissionId, TransmissionStatus.Delivered);

        Assert.Equal(Channel.Hosted, accepted.Route.Channel);
        var inboxId = await Peers.SeedA.ScalarAsync<Guid>("SELECT inbox_item_id FROM inbox_item WHERE source_transmission_id = $1", Guid.Parse(accepted.TransmissionId));
        Assert.Equal(inboxId.ToString(), delivered.Receipt.TransmissionId);
        Assert.Equal(ExchangePeers.ProviderA, Assert.Single(delivered.Attempts).Destination);
        Assert.Equal([TransmissionStatus.Accepted, TransmissionStatus.Forwarding, TransmissionStatus.Delivered], delivered.Events.Select(e => e.Status));
    }

    [Fact]
    public async Task A_refusal_by_B_fails_the_transmission_with_Bs_reason_and_no_retry()
    {
        var pair = await Peers.PairAsync();
        // B's customer accepts only suppliers it approved; A's copy of the directory does not know it yet.
        await Peers.SeedB.CloseSupplierDirectoryAsync(pair.RecipientAtB);

        var accepted = await Peers.ClientA.SubmitAsync(Invoices.Submit(pair.Sender, pair.Recipient));
        var failed = await Peers.ClientA.StatusAsync(accepted.TransmissionId, TransmissionStatus.Failed);

        Assert.Contains("FAILED_PRECONDITION/SUPPLIER_NOT_APPROVED", failed.StatusDetail, StringComparison.Ordinal);
        var attempt = Assert.Single(failed.Attempts);
        Assert.Equal((AttemptOutcome.Failed, "FAILED_PRECONDITION/SUPPLIER_NOT_APPROVED"), (attempt.Outcome, attempt.ErrorCode));
        Assert.Equal(0, await Peers.SeedB.CountAsync("SELECT count(*) FROM inbox_item WHERE message_id = $1", accepted.MessageId));
        Assert.Equal(0, await Peers.SeedA.CountAsync("SELECT count(*) FROM outbox WHERE transmission_id = $1", Guid.Parse(accepted.TransmissionId)));
        // B's customer now sees who tried to send, waiting for its approval.
        Assert.Equal(1, await Peers.SeedB.CountAsync(
            "SELECT count(*) FROM supplier_approval WHERE receiver_id = $1 AND supplier_id = $2 AND state = 'pending'", pair.RecipientAtB, pair.SenderAtB));
    }
}
