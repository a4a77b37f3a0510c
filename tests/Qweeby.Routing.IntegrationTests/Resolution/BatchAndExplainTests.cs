using Grpc.Core;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Resolution;

public sealed class BatchAndExplainTests(DirectoryFixture fx) : IClassFixture<DirectoryFixture>
{
    [Fact]
    public async Task A_batch_answers_each_item_in_order_and_a_bad_item_never_fails_the_batch()
    {
        var r = await fx.RecipientAsync("Batch Customer");
        var sender = await fx.SenderAsync();
        await fx.Seed.CustomerEntryAsync(sender.Id, r.Id, numbers: ["B-1"]);
        var request = new ResolveBatchRequest
        {
            Sender = sender.Siret,
            Recipients =
            {
                new RecipientReference { Identifier = r.Siret },
                new RecipientReference { Identifier = "55203253400013" },
                new RecipientReference { CustomerNumber = "B-1" },
                new RecipientReference { Identifier = TestIds.Siret(TestIds.Siren()) },
            },
        };

        var reply = await fx.Client.ResolveBatchAsync(request);

        Assert.Equal(4, reply.Items.Count);
        Assert.Equal(r.Id.ToString(), reply.Items[0].Resolved.Recipient.EntityId);
        Assert.Equal(((int)StatusCode.InvalidArgument, "recipients[1].identifier", "CHECK_DIGIT"),
            (reply.Items[1].Error.Code, reply.Items[1].Error.FieldViolations.Single().Field, reply.Items[1].Error.FieldViolations.Single().Reason));
        Assert.Equal(r.Id.ToString(), reply.Items[2].Resolved.Recipient.EntityId);
        Assert.Equal(((int)StatusCode.NotFound, "RECIPIENT_NOT_FOUND"), (reply.Items[3].Error.Code, reply.Items[3].Error.Reason));
    }

    [Fact]
    public async Task A_batch_over_the_limit_is_refused_with_the_limit()
    {
        var request = new ResolveBatchRequest();
        request.Recipients.AddRange(Enumerable.Range(0, 1_001).Select(_ => new RecipientReference { Identifier = "732829320" }));

        var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => fx.Client.ResolveBatchAsync(request).ResponseAsync);

        Assert.Contains("1000", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_with_a_malformed_sender_fails_as_a_whole()
    {
        var request = new ResolveBatchRequest { Sender = "732829321", Recipients = { new RecipientReference { Identifier = "732829320" } } };

        var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => fx.Client.ResolveBatchAsync(request).ResponseAsync);

        Assert.Equal("sender", Assert.Single(failure.Violations()).Field);
    }

    [Fact]
    public async Task Explain_never_fails_and_shows_every_rule_with_the_failing_one_and_the_error_resolve_gives()
    {
        var r = await fx.RecipientAsync("Explained");
        var sender = await fx.SenderAsync();
        await fx.Seed.SetModesAsync(sender.Id, customerDirectory: "closed");
        await fx.Seed.ConsentAsync(sender.Id, r.Id, "pending");
        var request = new ResolveRequest { Sender = sender.Siret, Recipient = new RecipientReference { Identifier = r.Siret } };

        var explained = await fx.Client.ExplainAsync(request);
        var resolveFailure = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => fx.Client.ResolveAsync(request).ResponseAsync);

        Assert.Equal(11, explained.Rules.Count);
        Assert.Equal(["customer_directory.entry", "consent.accepted"], explained.Rules.Where(x => x.Verdict == RuleVerdict.Failed).Select(x => x.Rule));
        Assert.Null(explained.Decision);
        Assert.Equal((resolveFailure.Reason(), resolveFailure.Status.Detail), (explained.Rejection.Reason, explained.Rejection.Message));
    }

    [Fact]
    public async Task Explain_of_a_routable_recipient_carries_the_decision_resolve_gives()
    {
        var r = await fx.RecipientAsync();
        var request = new ResolveRequest { Recipient = new RecipientReference { Identifier = r.Siren } };

        var explained = await fx.Client.ExplainAsync(request);

        Assert.Null(explained.Rejection);
        Assert.Equal(await fx.Client.ResolveAsync(request), explained.Decision);
        Assert.Contains(explained.Rules, x => x.Rule == "sender.known" && x.Verdict == RuleVerdict.Skipped);
    }
}
