using Grpc.Core;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Data.Exchange;
using Qweeby.Routing.Hosting.Grpc;

namespace Qweeby.Routing.Server.Exchange;

/// <summary>GetTransmission and ListTransmissions: a sender's view of what it submitted.</summary>
public sealed class TransmissionQueries(TransmissionStore store, TransmissionEventLog events, PartyLookup parties)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public async Task<Transmission> GetAsync(GetTransmissionRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        ExchangeAccess.DemandTransmissionReader(context);
        if (!Guid.TryParse(request.TransmissionId, out var id))
            throw RpcErrors.Invalid("transmission_id", "FORMAT", "A transmission id is the UUID Submit answered.").ToException();
        var record = await store.GetAsync(id, ct) ?? throw RpcErrors.TransmissionNotFound(request.TransmissionId).ToException();
        ExchangeAccess.DemandTransmissionReader(context, record.SenderEntityId);
        var reply = record.ToProto();
        // Cursors only come from WatchTransmissions: an event read here may not be settled in the stream yet.
        reply.Events.AddRange((await events.OfTransmissionAsync(id, ct)).Select(e => e.ToProto(withCursor: false)));
        reply.Attempts.AddRange((await store.AttemptsOfAsync(id, ct)).Select(a => a.ToProto()));
        return reply;
    }

    public async Task<ListTransmissionsReply> ListAsync(ListTransmissionsRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        ExchangeAccess.DemandTransmissionReader(context);
        var pageSize = request.PageSize switch
        {
            0 => DefaultPageSize,
            < 0 or > MaxPageSize => throw RpcErrors.Invalid("page_size", "OUT_OF_RANGE", $"Page size must be between 1 and {MaxPageSize}.").ToException(),
            var n => n,
        };
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
}
