using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Core.Security;
using Qweeby.Routing.IntegrationTests.Infrastructure;
using ExchangeClient = Qweeby.Routing.Contracts.V1.Exchange.ExchangeClient;

namespace Qweeby.Routing.IntegrationTests.Exchange;

/// <summary>GetTransmission and ListTransmissions: a sender's own view, and who else may look.</summary>
public sealed class TransmissionQueriesTests(ExchangeFixture fx) : IClassFixture<ExchangeFixture>
{
    private ExchangePeers Peers => fx.Peers;

    [Fact]
    public async Task A_senders_transmissions_are_listed_newest_first_page_by_page_and_filtered()
    {
        var pair = await Peers.PairAsync();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
            ids.Add((await Peers.ClientA.SubmitAsync(Invoices.Submit(pair.Sender, pair.Recipient))).TransmissionId);
        foreach (var id in ids)
            await Peers.ClientA.StatusAsync(id, TransmissionStatus.Delivered);

        var pages = new List<ListTransmissionsReply>();
        var request = new ListTransmissionsRequest { Sender = pair.Sender, PageSize = 2 };
        do
        {
            pages.Add(await Peers.ClientA.ListTransmissionsAsync(request));
            request.PageToken = pages[^1].NextPageToken;
        }
        while (request.PageToken.Length > 0);
        var delivered = await Peers.ClientA.ListTransmissionsAsync(new ListTransmissionsRequest
        {
            Sender = pair.Sender, Status = TransmissionStatus.Delivered, AcceptedFrom = Timestamp.FromDateTimeOffset(before),
        });
        var failed = await Peers.ClientA.ListTransmissionsAsync(new ListTransmissionsRequest { Sender = pair.Sender, Status = TransmissionStatus.Failed });
        var future = await Peers.ClientA.ListTransmissionsAsync(new ListTransmissionsRequest
        {
            Sender = pair.Sender, AcceptedFrom = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(1)),
        });

        Assert.Equal([2, 2, 1], pages.Select(p => p.Transmissions.Count));
        Assert.Equal(Enumerable.Reverse(ids), pages.SelectMany(p => p.Transmissions).Select(t => t.TransmissionId));
        Assert.All(pages.SelectMany(p => p.Transmissions), t => Assert.Empty(t.Events));
        Assert.Equal(5, delivered.Transmissions.Count);
        Assert.Empty(failed.Transmissions);
        Assert.Empty(future.Transmissions);
    }

    [Fact]
    public async Task A_page_token_replayed_with_other_filters_is_refused()
    {
        var pair = await Peers.PairAsync();
        for (var i = 0; i < 2; i++)
            await Peers.ClientA.SubmitAsync(Invoices.Submit(pair.Sender, pair.Recipient));
        var first = await Peers.ClientA.ListTransmissionsAsync(new ListTransmissionsRequest { Sender = pair.Sender, PageSize = 1 });

        var refused = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Peers.ClientA.ListTransmissionsAsync(new ListTransmissionsRequest
        {
            Sender = pair.Sender, PageSize = 1, Status = TransmissionStatus.Failed, PageToken = first.NextPageToken,
        }).ResponseAsync);

        Assert.Equal("page_token", Assert.Single(refused.Violations()).Field);
    }

    [Fact]
    public async Task Another_senders_submitter_may_not_read_a_transmission_and_an_operator_may()
    {
        var pair = await Peers.PairAsync();
        var accepted = await Peers.ClientA.SubmitAsync(Invoices.Submit(pair.Sender, pair.Recipient));
        var stranger = new ExchangeClient(Peers.A.CallInvokerFor(await TestCredentials.IssueAsync(Peers.DatabaseA, [Role.Submit], [Guid.NewGuid()])));
        var resolver = new ExchangeClient(Peers.A.CallInvokerFor(await TestCredentials.IssueAsync(Peers.DatabaseA, [Role.Resolve])));
        var operatorClient = new ExchangeClient(Peers.A.CallInvokerFor(await TestCredentials.IssueAsync(Peers.DatabaseA, [Role.Operator])));
        var get = new GetTransmissionRequest { TransmissionId = accepted.TransmissionId };

        var outOfScope = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => stranger.GetTransmissionAsync(get).ResponseAsync);
        var listOutOfScope = await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => stranger.ListTransmissionsAsync(new ListTransmissionsRequest { Sender = pair.Sender }).ResponseAsync);
        var noRole = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => resolver.GetTransmissionAsync(get).ResponseAsync);
        var seen = await operatorClient.GetTransmissionAsync(get);

        Assert.Equal((SecurityReasons.EntityOutOfScope, SecurityReasons.EntityOutOfScope, SecurityReasons.RoleRequired),
            (outOfScope.Reason(), listOutOfScope.Reason(), noRole.Reason()));
        Assert.Equal(accepted.TransmissionId, seen.TransmissionId);
    }

    [Fact]
    public async Task An_unknown_transmission_is_not_found()
    {
        var refused = await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => Peers.ClientA.GetTransmissionAsync(new GetTransmissionRequest { TransmissionId = Guid.NewGuid().ToString() }).ResponseAsync);

        Assert.Equal("TRANSMISSION_NOT_FOUND", refused.Reason());
    }
}
