using Grpc.Core;
using Qweeby.Routing.IntegrationTests.Infrastructure;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Contracts.V1;
using ExchangeClient = Qweeby.Routing.Contracts.V1.Exchange.ExchangeClient;

namespace Qweeby.Routing.IntegrationTests.Exchange;

/// <summary>
/// Every string field of the lifecycle RPCs (SetStatus, GetTimeline, WatchInbox, ReceiveStatus, the
/// statuses that come with Receive, ReplayStatus) with the hostile values of <see cref="ExchangeHostileInputTests"/>:
/// each gets a clear answer, never INTERNAL or UNKNOWN.
/// </summary>
public sealed class LifecycleHostileInputTests(ExchangeFixture fx) : IClassFixture<ExchangeFixture>
{
    public static TheoryData<string> Hostile => ExchangeHostileInputTests.Hostile;

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Every_lifecycle_field_answers_a_hostile_value_clearly(string value)
    {
        var peers = fx.Peers;
        var pair = await peers.PairAsync();
        var (atA, atB) = await peers.DeliveredAsync(pair);
        var messageId = (await peers.ClientA.TimelineAsync(atA)).MessageId;
        var buyer = peers.InboxClientB;
        var operations = await peers.OperationsAsync();
        SetStatusRequest Dispute(Action<SetStatusRequest> spoil)
        {
            var request = Lifecycles.Set(atB, LifecycleCode.Disputed, "PRICE", "The unit price differs from the order.");
            spoil(request);
            return request;
        }
        ReceiveStatusRequest Partner(Action<ReceiveStatusRequest> spoil)
        {
            var request = new ReceiveStatusRequest
            {
                Sender = $"0009:{pair.Sender}",
                MessageId = messageId,
                Status = new LifecycleStatus
                {
                    StatusId = Guid.NewGuid().ToString(), Code = LifecycleCode.TakenOver, SetBy = LifecycleParty.Buyer,
                    At = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(DateTime.UtcNow),
                },
            };
            spoil(request);
            return request;
        }
        ReceiveRequest Delivery(Action<LifecycleStatus> spoil)
        {
            var submit = Invoices.Submit($"0009:{pair.Sender}", $"0009:{pair.Recipient}");
            var deposited = new LifecycleStatus
            {
                StatusId = Guid.NewGuid().ToString(), Code = LifecycleCode.Deposited, SetBy = LifecycleParty.Platform,
                At = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(DateTime.UtcNow),
            };
            spoil(deposited);
            return new ReceiveRequest { Envelope = submit.Envelope, Document = submit.Document, RecipientId = $"0009:{pair.Recipient}", Statuses = { deposited } };
        }

        Func<Task>[] calls =
        [
            () => buyer.SetStatusAsync(Dispute(r => r.TransmissionId = value)).ResponseAsync,
            () => buyer.SetStatusAsync(Dispute(r => r.ReasonCode = value)).ResponseAsync,
            () => buyer.SetStatusAsync(Dispute(r => r.Reason = value)).ResponseAsync,
            () => buyer.SetStatusAsync(Dispute(r => r.StatusId = value)).ResponseAsync,
            () => buyer.SetStatusAsync(Dispute(r => r.Amount = new Amount { Value = value, Currency = "EUR" })).ResponseAsync,
            () => buyer.SetStatusAsync(Dispute(r => r.Amount = new Amount { Value = "10.00", Currency = value })).ResponseAsync,
            () => buyer.GetTimelineAsync(new GetTimelineRequest { TransmissionId = value }).ResponseAsync,
            () => HostileCalls.WatchOnceAsync(buyer.WatchInbox(new WatchInboxRequest { Recipient = value })),
            () => HostileCalls.WatchOnceAsync(buyer.WatchInbox(new WatchInboxRequest { Recipient = pair.Recipient, Cursor = value })),
            () => peers.AsPartnerOfA.ReceiveStatusAsync(Partner(r => r.Sender = value)).ResponseAsync,
            () => peers.AsPartnerOfA.ReceiveStatusAsync(Partner(r => r.MessageId = value)).ResponseAsync,
            () => peers.AsPartnerOfA.ReceiveStatusAsync(Partner(r => r.RecipientId = value)).ResponseAsync,
            () => peers.AsPartnerOfA.ReceiveStatusAsync(Partner(r => r.Status.StatusId = value)).ResponseAsync,
            () => peers.AsPartnerOfA.ReceiveStatusAsync(Partner(r => r.Status.SetByCaller = value)).ResponseAsync,
            () => peers.AsPartnerOfA.ReceiveStatusAsync(Partner(r => r.Status.PlatformId = value)).ResponseAsync,
            () => peers.AsPartnerOfA.ReceiveStatusAsync(Partner(r => r.Status.ReasonCode = value)).ResponseAsync,
            () => peers.AsPartnerOfA.ReceiveStatusAsync(Partner(r => r.Status.Reason = value)).ResponseAsync,
            () => peers.AsPartnerOfA.ReceiveStatusAsync(Partner(r => r.Status.Amount = new Amount { Value = value, Currency = value })).ResponseAsync,
            () => peers.AsPartnerOfB.ReceiveAsync(Delivery(s => s.StatusId = value)).ResponseAsync,
            () => peers.AsPartnerOfB.ReceiveAsync(Delivery(s => s.Reason = value)).ResponseAsync,
            () => peers.AsPartnerOfB.ReceiveAsync(Delivery(s => s.SetByCaller = value)).ResponseAsync,
            () => operations.ReplayStatusAsync(new ReplayStatusRequest { TransmissionId = value, StatusId = Guid.NewGuid().ToString(), Reason = "hostile" }).ResponseAsync,
            () => operations.ReplayStatusAsync(new ReplayStatusRequest { TransmissionId = atA, StatusId = value, Reason = "hostile" }).ResponseAsync,
            () => operations.ReplayStatusAsync(new ReplayStatusRequest { TransmissionId = atA, StatusId = Guid.NewGuid().ToString(), Reason = value }).ResponseAsync,
        ];

        await HostileCalls.AssertEachAnswersClearlyAsync(calls, value);
    }

    [Fact]
    public async Task An_invoice_arriving_with_thousands_of_statuses_is_refused_before_any_is_read()
    {
        var peers = fx.Peers;
        var pair = await peers.PairAsync();
        var submit = Invoices.Submit($"0009:{pair.Sender}", $"0009:{pair.Recipient}");
        var request = new ReceiveRequest { Envelope = submit.Envelope, Document = submit.Document, RecipientId = $"0009:{pair.Recipient}" };
        request.Statuses.Add(Enumerable.Range(0, 5_000).Select(_ => new LifecycleStatus()));

        var refused = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => peers.AsPartnerOfB.ReceiveAsync(request).ResponseAsync);

        var violation = Assert.Single(refused.Violations());
        Assert.Equal(("statuses", "TOO_MANY"), (violation.Field, violation.Reason));
    }
}
