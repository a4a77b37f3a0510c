using Grpc.Core;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.IntegrationTests.Infrastructure;
using ExchangeClient = Qweeby.Routing.Contracts.V1.Exchange.ExchangeClient;

namespace Qweeby.Routing.IntegrationTests.Exchange;

/// <summary>Lifecycle statuses in exchange tests: setting them, reading timelines, waiting for statuses to arrive.</summary>
public static class Lifecycles
{
    public static readonly int[] Delivered = [200, 201, 202, 203];

    public static SetStatusRequest Set(string transmissionId, LifecycleCode code, string reasonCode = "", string reason = "", string statusId = "",
        Amount? amount = null) => new()
    {
        TransmissionId = transmissionId,
        Code = code,
        ReasonCode = reasonCode,
        Reason = reason,
        StatusId = statusId,
        // 206 and 212 give an amount.
        Amount = amount ?? (code is LifecycleCode.PartiallyApproved or LifecycleCode.PaymentReceived ? Euros("1250.00") : null),
    };

    public static Amount Euros(string value) => new() { Value = value, Currency = "EUR" };

    public static async Task<Timeline> TimelineAsync(this ExchangeClient client, string transmissionId) =>
        await client.GetTimelineAsync(new GetTimelineRequest { TransmissionId = transmissionId });

    public static int[] Codes(this Timeline timeline) => [.. timeline.Statuses.Select(s => (int)s.Code)];

    /// <summary>Polls the timeline until <paramref name="code"/> is on it.</summary>
    public static async Task<Timeline> ReachesAsync(this ExchangeClient client, string transmissionId, LifecycleCode code, TimeSpan? within = null)
    {
        Timeline? last = null;
        try
        {
            await Eventually.True(async () =>
                {
                    last = await client.TimelineAsync(transmissionId);
                    return last.Statuses.Any(s => s.Code == code);
                },
                within ?? TimeSpan.FromSeconds(20), $"{(int)code} on {transmissionId}");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; timeline: " + string.Join(", ", last?.Statuses.Select(s =>
                $"{(int)s.Code} {s.ReasonCode} ({s.Delivery?.State} {s.Delivery?.Detail})") ?? []), e);
        }
        return last!;
    }

    /// <summary>The inbox item id B gave the invoice with this message id.</summary>
    public static async Task<string> InboxItemAtBAsync(this ExchangePeers peers, string messageId) =>
        (await peers.SeedB.ScalarAsync<Guid>("SELECT inbox_item_id FROM inbox_item WHERE message_id = $1", messageId)).ToString();

    /// <summary>Submits an invoice at A and waits until A knows B made it available (203): its transmission id at A and inbox item id at B.</summary>
    public static async Task<(string AtA, string AtB)> DeliveredAsync(this ExchangePeers peers, TradingPair pair)
    {
        var accepted = await peers.ClientA.SubmitAsync(Invoices.Submit(pair.Sender, pair.Recipient));
        await peers.ClientA.ReachesAsync(accepted.TransmissionId, LifecycleCode.MadeAvailable);
        return (accepted.TransmissionId, await peers.InboxItemAtBAsync(accepted.MessageId));
    }

    /// <summary>Reads lifecycle events from a stream until <paramref name="count"/> arrived (or 30 s passed).</summary>
    public static async Task<List<LifecycleStatus>> ReadAsync<T>(IAsyncStreamReader<T> stream, Func<T, LifecycleStatus?> status, int count)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromSeconds(30));
        var received = new List<LifecycleStatus>();
        while (received.Count < count && await stream.MoveNext(cancel.Token))
            if (status(stream.Current) is { } s)
                received.Add(s);
        return received;
    }
}
