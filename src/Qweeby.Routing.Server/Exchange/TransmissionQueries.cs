using Grpc.Core;
using Microsoft.Extensions.Options;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Data.Exchange;
using Qweeby.Routing.Data.Lifecycle;
using Qweeby.Routing.Server.Lifecycle;
using Qweeby.Routing.Hosting.Grpc;
using Qweeby.Routing.Hosting.Options;

namespace Qweeby.Routing.Server.Exchange;

/// <summary>GetTransmission and ListTransmissions: a sender's view of what it submitted.</summary>
public sealed class TransmissionQueries(TransmissionStore store, TransmissionEventLog events, LifecycleStore lifecycle, PartyLookup parties,
    IOptions<LimitsOptions> limits)
{
    public const int DefaultPageSize = 20;

    public async Task<Transmission> GetAsync(GetTransmissionRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        ExchangeAccess.DemandTransmissionReader(context);
        if (!Guid.TryParse(request.TransmissionId, out var id))
            throw RpcErrors.Invalid("transmission_id", "FORMAT", "A transmission id is the UUID Submit answered.").ToException();
        var record = await store.GetAsync(id, ct) ?? throw RpcErrors.TransmissionNotFound(request.TransmissionId).ToException();
        ExchangeAccess.DemandTransmissionReader(context, record.SenderEntityId);
        var reply = record.ToProto();
        // An event not sequenced yet has no cursor: it will come in the stream after the last one that has.
        reply.Events.AddRange((await events.OfTransmissionAsync(id, ct)).Select(e => e.ToProto()));
        reply.Attempts.AddRange((await store.AttemptsOfAsync(id, ct)).Select(a => a.ToProto()));
        reply.Timeline.AddRange((await lifecycle.TimelineAsync(id, ct)).Select(s => s.ToProto()));
        return reply;
    }

    public async Task<ListTransmissionsReply> ListAsync(ListTransmissionsRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        ExchangeAccess.DemandTransmissionReader(context);
        var pageSize = PageSize(request.PageSize, limits.Value.MaxPageSize);
        var sender = await parties.EntityIdAsync("sender", request.Sender, ct);
        ExchangeAccess.DemandTransmissionReader(context, sender);
        var filter = request.Clone();
        filter.PageToken = "";
        filter.PageSize = 0;
        var position = PageTokens.Read(request.PageToken, $"{sender}|{filter}");
        var page = await store.ListAsync(new TransmissionFilter(
            sender,
            ExchangeReplies.FromProto(request.Status),
            request.AcceptedFrom?.ToDateTimeOffset(),
            request.AcceptedTo?.ToDateTimeOffset(),
            position is null ? null : PageTokens.ReadTransmissionKey(position),
            pageSize + 1), ct);
        var reply = new ListTransmissionsReply { Transmissions = { page.Take(pageSize).Select(t => t.ToProto()) } };
        if (page.Count > pageSize)
        {
            var last = page[pageSize - 1];
            reply.NextPageToken = PageTokens.Write(PageTokens.TransmissionKey(last.AcceptedAt, last.TransmissionId), $"{sender}|{filter}");
        }
        return reply;
    }

    /// <summary>A requested page size: 0 for the default, else 1 to <paramref name="max"/> (Limits:MaxPageSize).</summary>
    internal static int PageSize(int requested, int max) =>
        requested == 0 ? Math.Min(DefaultPageSize, max)
        : requested >= 1 && requested <= max ? requested
        : throw RpcErrors.Invalid("page_size", "OUT_OF_RANGE", $"Page size must be between 1 and {max}.").ToException();
}
