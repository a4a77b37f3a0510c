using Grpc.Core;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Core.Security;
using Qweeby.Routing.IntegrationTests.Infrastructure;
using ExchangeClient = Qweeby.Routing.Contracts.V1.Exchange.ExchangeClient;

namespace Qweeby.Routing.IntegrationTests.Exchange;

/// <summary>
/// A caller limited to some entities that names one the directory does not have gets the same refusal as for one it
/// may not see (ENTITY_OUT_OF_SCOPE), so it cannot tell the two apart; a platform-wide caller still hears "not found".
/// </summary>
public sealed class OutOfScopeLookupTests(ExchangeFixture fx) : IClassFixture<ExchangeFixture>
{
    [Fact]
    public async Task Unknown_and_foreign_parties_are_refused_alike_to_a_scoped_caller()
    {
        var peers = fx.Peers;
        var pair = await peers.PairAsync();
        var scoped = new ExchangeClient(peers.A.CallInvokerFor(await TestCredentials.IssueAsync(peers.DatabaseA, [Role.Submit], [Guid.NewGuid()])));
        var unknown = TestIds.Siret(TestIds.Siren());

        foreach (var party in new[] { unknown, pair.Sender })
        {
            Func<Task>[] calls =
            [
                () => scoped.ListTransmissionsAsync(new ListTransmissionsRequest { Sender = party }).ResponseAsync,
                () => scoped.FetchInboxAsync(new FetchInboxRequest { Recipient = party }).ResponseAsync,
                () => scoped.AcknowledgeInboxAsync(new AcknowledgeInboxRequest { Recipient = party, TransmissionIds = { Guid.NewGuid().ToString() } }).ResponseAsync,
                () => FirstEventAsync(scoped.WatchTransmissions(new WatchTransmissionsRequest { Sender = party })),
            ];
            foreach (var call in calls)
                Assert.Equal("ENTITY_OUT_OF_SCOPE", (await RpcAssert.FailsAsync(StatusCode.PermissionDenied, call)).Reason());
        }

        // No entity list: every entity.
        var everywhere = new ExchangeClient(peers.A.CallInvokerFor(await TestCredentials.IssueAsync(peers.DatabaseA, [Role.Submit])));
        var notFound = await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => everywhere.ListTransmissionsAsync(new ListTransmissionsRequest { Sender = unknown }).ResponseAsync);
        Assert.Equal("SENDER_NOT_FOUND", notFound.Reason());
    }

    [Fact]
    public async Task A_siren_naming_several_entities_is_ambiguous_only_to_a_caller_acting_for_them_all()
    {
        var peers = fx.Peers;
        var siren = TestIds.Siren();
        var first = await peers.SeedA.CompanyAsync("First Establishment", TestIds.Siret(siren, 1));
        var second = await peers.SeedA.CompanyAsync("Second Establishment", TestIds.Siret(siren, 2));
        var one = new ExchangeClient(peers.A.CallInvokerFor(await TestCredentials.IssueAsync(peers.DatabaseA, [Role.Submit], [first])));
        var both = new ExchangeClient(peers.A.CallInvokerFor(await TestCredentials.IssueAsync(peers.DatabaseA, [Role.Submit], [first, second])));

        var toOne = await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => one.ListTransmissionsAsync(new ListTransmissionsRequest { Sender = siren }).ResponseAsync);
        var toBoth = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => both.ListTransmissionsAsync(new ListTransmissionsRequest { Sender = siren }).ResponseAsync);

        Assert.Equal("ENTITY_OUT_OF_SCOPE", toOne.Reason());
        Assert.Equal("SENDER_AMBIGUOUS", toBoth.Reason());
    }

    private static async Task FirstEventAsync(AsyncServerStreamingCall<TransmissionEvent> call)
    {
        using (call)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            wait.CancelAfter(TimeSpan.FromSeconds(5));
            await call.ResponseStream.MoveNext(wait.Token);
        }
    }
}
