using Grpc.Core;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Resolution;

/// <summary>A caller resolves on behalf of its own entities only, and learns nothing of the others.</summary>
public sealed class TenantIsolationTests(DirectoryFixture fx) : IClassFixture<DirectoryFixture>
{
    [Fact]
    public async Task A_caller_may_resolve_for_a_sender_in_its_scope_and_is_refused_for_any_other()
    {
        var r = await fx.RecipientAsync();
        var mine = await fx.SenderAsync("Mine");
        var theirs = await fx.SenderAsync("Theirs");
        var client = await fx.ClientForAsync(mine.Id);
        ResolveRequest From(string sender) => new() { Sender = sender, Recipient = new RecipientReference { Identifier = r.Siret } };

        await client.ResolveAsync(From(mine.Siret));
        var failure = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => client.ResolveAsync(From(theirs.Siret)).ResponseAsync);

        Assert.Equal("ENTITY_OUT_OF_SCOPE", failure.Reason());
    }

    [Fact]
    public async Task An_unknown_sender_is_refused_to_a_scoped_caller_as_out_of_scope_not_as_not_found()
    {
        var r = await fx.RecipientAsync();
        var mine = await fx.SenderAsync("Mine");
        var client = await fx.ClientForAsync(mine.Id);

        var failure = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => client.ResolveAsync(new ResolveRequest
        {
            Sender = TestIds.Siret(TestIds.Siren()),
            Recipient = new RecipientReference { Identifier = r.Siret },
        }).ResponseAsync);

        Assert.Equal("ENTITY_OUT_OF_SCOPE", failure.Reason());
    }

    [Fact]
    public async Task Customer_numbers_of_another_supplier_cannot_be_probed_through_a_batch()
    {
        var r = await fx.RecipientAsync();
        var mine = await fx.SenderAsync("Mine");
        var theirs = await fx.SenderAsync("Theirs");
        await fx.Seed.CustomerEntryAsync(theirs.Id, r.Id, numbers: ["SECRET-1"]);
        var client = await fx.ClientForAsync(mine.Id);

        var failure = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => client.ResolveBatchAsync(new ResolveBatchRequest
        {
            Sender = theirs.Siret,
            Recipients = { new RecipientReference { CustomerNumber = "SECRET-1" } },
        }).ResponseAsync);

        Assert.Equal("ENTITY_OUT_OF_SCOPE", failure.Reason());
    }
}
