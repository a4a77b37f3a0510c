using Google.Protobuf;
using Grpc.Core;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Core.Security;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Exchange;

/// <summary>Submissions refused up front: clear errors, and nothing stored.</summary>
public sealed class SubmitValidationTests(ExchangeFixture fx) : IClassFixture<ExchangeFixture>
{
    private const int DefaultLimit = 10 * 1024 * 1024;
    private ExchangePeers Peers => fx.Peers;

    private Task<long> StoredAsync(string messageId) => Peers.SeedA.CountAsync("""
        SELECT (SELECT count(*) FROM transmission WHERE message_id = $1)
             + (SELECT count(*) FROM outbox o JOIN transmission t USING (transmission_id) WHERE t.message_id = $1)
        """, messageId);

    [Fact]
    public async Task A_document_of_exactly_the_limit_is_accepted_and_one_byte_more_is_refused_naming_the_limit()
    {
        var pair = await Peers.PairAsync();
        var atLimit = Invoices.Submit(pair.Sender, pair.Recipient, document: Invoices.Document(size: DefaultLimit));
        var overLimit = Invoices.Submit(pair.Sender, pair.Recipient, document: Invoices.Document(size: DefaultLimit + 1));

        var accepted = await Peers.ClientA.SubmitAsync(atLimit);
        var refused = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Peers.ClientA.SubmitAsync(overLimit).ResponseAsync);

        Assert.Equal(TransmissionStatus.Accepted, accepted.Status);
        Assert.Equal("DOCUMENT_TOO_LARGE", refused.Reason());
        Assert.Contains($"the limit is {DefaultLimit} bytes", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("document", Assert.Single(refused.Violations()).Field);
        Assert.Equal(0, await StoredAsync(overLimit.Envelope.MessageId));
        // The limit holds end to end: B takes the same document.
        await Peers.ClientA.StatusAsync(accepted.TransmissionId, TransmissionStatus.Delivered);
    }

    [Fact]
    public async Task A_malformed_submission_names_every_bad_field_at_once_and_stores_nothing()
    {
        var pair = await Peers.PairAsync();
        var request = Invoices.Submit(pair.Sender, pair.Recipient);
        request.Envelope.Sender = "732829321";
        request.Envelope.DocumentType = "";
        request.Envelope.MessageId = "line\nbreak";
        request.Envelope.IssueDate = null;
        request.Envelope.ContentSha256 = "ABC";
        request.Document = ByteString.Empty;

        var refused = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Peers.ClientA.SubmitAsync(request).ResponseAsync);

        Assert.Equal("INVALID_REQUEST", refused.Reason());
        Assert.Equal(
            ["document", "envelope.content_sha256", "envelope.document_type", "envelope.issue_date", "envelope.message_id", "envelope.sender"],
            refused.Violations().Select(v => v.Field).Order());
        Assert.Equal("CHECK_DIGIT", refused.Violations().Single(v => v.Field == "envelope.sender").Reason);
        Assert.Equal(0, await StoredAsync(request.Envelope.MessageId));
    }

    [Fact]
    public async Task A_document_that_does_not_match_its_declared_sha256_is_refused()
    {
        var pair = await Peers.PairAsync();
        var request = Invoices.Submit(pair.Sender, pair.Recipient);
        request.Envelope.ContentSha256 = new string('a', 64);

        var refused = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Peers.ClientA.SubmitAsync(request).ResponseAsync);

        Assert.Equal("MISMATCH", Assert.Single(refused.Violations()).Reason);
    }

    [Fact]
    public async Task A_misaddressed_invoice_gets_the_error_Resolve_gives_and_nothing_is_stored()
    {
        var pair = await Peers.PairAsync();
        var nobody = TestIds.Siret(TestIds.Siren());
        var request = Invoices.Submit(pair.Sender, nobody);
        var resolver = new RecipientDirectory.RecipientDirectoryClient(Peers.A.CallInvokerFor(await TestCredentials.IssueAsync(Peers.DatabaseA, [Role.Resolve])));

        var refused = await RpcAssert.FailsAsync(StatusCode.NotFound, () => Peers.ClientA.SubmitAsync(request).ResponseAsync);
        var resolved = await RpcAssert.FailsAsync(StatusCode.NotFound, () => resolver.ResolveAsync(new ResolveRequest
        {
            Sender = pair.Sender,
            Recipient = request.Envelope.Recipient,
            DocumentType = request.Envelope.DocumentType,
            Process = request.Envelope.Process,
        }).ResponseAsync);

        Assert.Equal("RECIPIENT_NOT_FOUND", refused.Reason());
        Assert.Equal((resolved.Reason(), resolved.Status.Detail), (refused.Reason(), refused.Status.Detail));
        Assert.Equal(0, await StoredAsync(request.Envelope.MessageId));
    }

    [Fact]
    public async Task A_submitter_for_other_entities_may_not_submit_as_this_sender()
    {
        var pair = await Peers.PairAsync();
        var token = await TestCredentials.IssueAsync(Peers.DatabaseA, [Role.Submit], [Guid.NewGuid()]);
        var client = new Contracts.V1.Exchange.ExchangeClient(Peers.A.CallInvokerFor(token));
        var request = Invoices.Submit(pair.Sender, pair.Recipient);

        var refused = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => client.SubmitAsync(request).ResponseAsync);

        Assert.Equal(SecurityReasons.EntityOutOfScope, refused.Reason());
        Assert.Equal(0, await StoredAsync(request.Envelope.MessageId));
    }
}
