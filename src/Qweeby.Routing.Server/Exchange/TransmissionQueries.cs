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
        var acceptedFrom = RequestTimestamps.ReadOrThrow("accepted_from", request.AcceptedFrom);
        var acceptedTo = RequestTimestamps.ReadOrThrow("accepted_to", request.AcceptedTo);
        var sender = await parties.EntityIdAsync("sender", request.Sender, id => ExchangeAccess.DemandTransmissionReader(context, id), ct);
        var filter = request.Clone();
        filter.PageToken = "";
        filter.PageSize = 0;
        var position = PageTokens.Read(request.PageToken, $"{sender}|{filter}");
        var page = await store.ListAsync(new TransmissionFilter(
            sender,
            Status(request.Status),
            acceptedFrom,
            acceptedTo,
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

    /// <summary>The state filtered on: none when unspecified; INVALID_ARGUMENT for a number the protocol does not define.</summary>
    private static TransmissionState? Status(TransmissionStatus status) =>
        ExchangeReplies.FromProto(status) is { } state ? state
        : status == TransmissionStatus.Unspecified ? null
        : throw RpcErrors.Invalid("status", "OUT_OF_RANGE", $"Unknown status {(int)status}: leave it unset or give one of ACCEPTED, FORWARDING, DELIVERED, FAILED, DEAD_LETTERED.").ToException();

    /// <summary>A requested page size: 0 for the default, else 1 to <paramref name="max"/> (Limits:MaxPageSize).</summary>
    internal static int PageSize(int requested, int max) =>
        requested == 0 ? Math.Min(DefaultPageSize, max)
        : requested >= 1 && requested <= max ? requested
        : throw RpcErrors.Invalid("page_size", "OUT_OF_RANGE", $"Page size must be between 1 and {max}.").ToException();
}
