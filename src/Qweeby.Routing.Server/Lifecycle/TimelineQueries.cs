using Grpc.Core;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Data.Lifecycle;
using Qweeby.Routing.Hosting.Grpc;
using Qweeby.Routing.Server.Exchange;

namespace Qweeby.Routing.Server.Lifecycle;

/// <summary>GetTimeline: an invoice's statuses as this access point knows them, for its supplier's or buyer's submitters and operators.</summary>
public sealed class TimelineQueries(LifecycleStore store)
{
    public async Task<Timeline> GetAsync(GetTimelineRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        ExchangeAccess.DemandTransmissionReader(context);
        if (!Guid.TryParse(request.TransmissionId, out var id))
            throw RpcErrors.Invalid("transmission_id", "FORMAT",
                "The invoice's id here: the transmission_id Submit answered, or an InboxItem.transmission_id.").ToException();
        var invoice = await store.FindAsync(id, ct) ?? throw RpcErrors.TransmissionNotFound(request.TransmissionId).ToException();
        ExchangeAccess.DemandTimelineReader(context, invoice);
        return invoice.ToTimeline(await store.TimelineAsync(invoice.TimelineId, ct), invoice.CallerSetter());
    }
}
