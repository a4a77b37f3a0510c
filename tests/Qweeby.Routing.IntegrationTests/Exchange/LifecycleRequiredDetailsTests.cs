using Grpc.Core;
using Qweeby.Routing.IntegrationTests.Infrastructure;
using Qweeby.Routing.Contracts.V1;

namespace Qweeby.Routing.IntegrationTests.Exchange;

/// <summary>
/// What a status cannot come without, whoever sets it: 206 and 212 give their amount, refusals, disputes, suspensions,
/// rejections and routing errors their reason. A caller's status and a partner's are refused alike, with the field.
/// </summary>
public sealed class LifecycleRequiredDetailsTests(ExchangeFixture fx) : IClassFixture<ExchangeFixture>
{
    [Theory]
    [InlineData(LifecycleCode.PaymentReceived)]
    [InlineData(LifecycleCode.PartiallyApproved)]
    public async Task A_status_that_gives_an_amount_is_refused_without_one(LifecycleCode code)
    {
        var peers = fx.Peers;
        var pair = await peers.PairAsync();
        var (atA, atB) = await peers.DeliveredAsync(pair);
        var request = Lifecycles.Set(code == LifecycleCode.PaymentReceived ? atA : atB, code);
        request.Amount = null;
        var client = code == LifecycleCode.PaymentReceived ? peers.ClientA : peers.InboxClientB;

        var refused = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => client.SetStatusAsync(request).ResponseAsync);

        var violation = Assert.Single(refused.Violations());
        Assert.Equal(("amount", "REQUIRED"), (violation.Field, violation.Reason));
        Assert.Equal(Lifecycles.Delivered, (await peers.ClientA.TimelineAsync(atA)).Codes());
    }

    [Fact]
    public async Task A_partners_status_without_its_amount_or_its_reason_is_refused_and_nothing_is_recorded()
    {
        var peers = fx.Peers;
        var pair = await peers.PairAsync();
        var (atA, _) = await peers.DeliveredAsync(pair);
        var messageId = (await peers.ClientA.TimelineAsync(atA)).MessageId;
        ReceiveStatusRequest FromB(LifecycleCode code) => new()
        {
            Sender = $"0009:{pair.Sender}",
            MessageId = messageId,
            Status = new LifecycleStatus
            {
                StatusId = Guid.NewGuid().ToString(), Code = code, SetBy = LifecycleParty.Buyer,
                At = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(DateTime.UtcNow),
            },
        };

        var noAmount = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => peers.AsPartnerOfA.ReceiveStatusAsync(FromB(LifecycleCode.PartiallyApproved)).ResponseAsync);
        var noReason = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => peers.AsPartnerOfA.ReceiveStatusAsync(FromB(LifecycleCode.Refused)).ResponseAsync);
        var withBoth = FromB(LifecycleCode.PartiallyApproved);
        withBoth.Status.Amount = Lifecycles.Euros("800.00");
        var recorded = await peers.AsPartnerOfA.ReceiveStatusAsync(withBoth);

        Assert.Equal(("status.amount", "REQUIRED"), (Assert.Single(noAmount.Violations()).Field, Assert.Single(noAmount.Violations()).Reason));
        Assert.Equal(("status.reason", "REQUIRED"), (Assert.Single(noReason.Violations()).Field, Assert.Single(noReason.Violations()).Reason));
        var timeline = await peers.ClientA.TimelineAsync(atA);
        Assert.True(recorded.Recorded);
        Assert.Equal([.. Lifecycles.Delivered, 206], timeline.Codes());
    }
}
