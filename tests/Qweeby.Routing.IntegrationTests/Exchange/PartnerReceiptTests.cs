using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Qweeby.Routing.Contracts.V1;

namespace Qweeby.Routing.IntegrationTests.Exchange;

/// <summary>
/// A partner whose receipt breaks the contract in what it adds (no time, an id Postgres cannot store) still proves the
/// delivery by the document's hash: A records DELIVERED with what it can keep, instead of failing the claim's outcomes
/// and sending the invoice again at every lease.
/// </summary>
public sealed class PartnerReceiptTests : IAsyncDisposable
{
    private ExchangePeers? _peers;

    [Fact]
    public async Task A_receipt_without_a_time_and_with_an_unstorable_id_still_records_the_delivery_once()
    {
        var peers = _peers = await ExchangePeers.StartAsync(configureB: SpoiledReceipts.Install);
        var pair = await peers.PairAsync();
        var before = DateTimeOffset.UtcNow;

        var accepted = await peers.ClientA.SubmitAsync(Invoices.Submit(pair.Sender, pair.Recipient));
        var delivered = await peers.ClientA.StatusAsync(accepted.TransmissionId, TransmissionStatus.Delivered);

        Assert.Equal("", delivered.Receipt.TransmissionId);
        Assert.InRange(delivered.Receipt.ReceivedAt.ToDateTimeOffset(), before, DateTimeOffset.UtcNow);
        Assert.Equal(AttemptOutcome.Delivered, Assert.Single(delivered.Attempts).Outcome);
        Assert.Equal(1, await peers.SeedB.CountAsync("SELECT count(*) FROM inbox_item WHERE message_id = $1", accepted.MessageId));
    }

    public async ValueTask DisposeAsync()
    {
        if (_peers is not null)
            await _peers.DisposeAsync();
    }

    /// <summary>On B: every Receive's answer loses its time and gets an id with a NUL in it.</summary>
    private sealed class SpoiledReceipts : Interceptor
    {
        public static void Install(WebApplicationBuilder host) => host.Services.AddGrpc(o => o.Interceptors.Add<SpoiledReceipts>());

        public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
            UnaryServerMethod<TRequest, TResponse> continuation)
        {
            var response = await continuation(request, context);
            if (response is ReceiveReceipt receipt)
            {
                receipt.ReceivedAt = null;
                receipt.TransmissionId = "id\0with a NUL";
            }
            return response;
        }
    }
}
