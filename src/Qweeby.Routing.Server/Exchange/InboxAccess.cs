using Grpc.Core;
using Microsoft.Extensions.Options;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Data.Exchange;
using Qweeby.Routing.Hosting.Grpc;
using Qweeby.Routing.Hosting.Options;

namespace Qweeby.Routing.Server.Exchange;

/// <summary>
/// FetchInbox and AcknowledgeInbox for a hosted recipient. The usual loop: fetch (unacknowledged items,
/// oldest first), process, acknowledge, fetch again from the start.
/// </summary>
public sealed class InboxAccess(InboxStore inbox, PartyLookup parties, IOptions<ExchangeOptions> options, IOptions<LimitsOptions> limits, TimeProvider time)
{
    public async Task<FetchInboxReply> FetchAsync(FetchInboxRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var pageSize = TransmissionQueries.PageSize(request.PageSize, limits.Value.MaxPageSize);
        var recipient = await parties.EntityIdAsync("recipient", request.Recipient, id => ExchangeAccess.DemandInboxReader(context, id), ct);
        var query = $"{recipient}|{request.IncludeAcknowledged}";
        var after = PageTokens.Read(request.PageToken, query) is { } position ? PageTokens.ReadSequence(position) : 0;
        var (items, more) = await inbox.FetchAsync(recipient, after, pageSize, request.IncludeAcknowledged, options.Value.MaxDocumentBytes, ct);
        var reply = new FetchInboxReply { Items = { items.Select(i => i.ToProto()) } };
        if (more)
            reply.NextPageToken = PageTokens.Write(items[^1].Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), query);
        return reply;
    }

    public async Task<AcknowledgeInboxReply> AcknowledgeAsync(AcknowledgeInboxRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var max = limits.Value.MaxBatchSize;
        if (request.TransmissionIds.Count == 0 || request.TransmissionIds.Count > max)
            throw RpcErrors.Invalid("transmission_ids", request.TransmissionIds.Count == 0 ? "REQUIRED" : "TOO_MANY",
                $"Acknowledge 1 to {max} items per call; {request.TransmissionIds.Count} were given.").ToException();
        var ids = new List<Guid>();
        var violations = new List<Google.Rpc.BadRequest.Types.FieldViolation>();
        foreach (var (text, i) in request.TransmissionIds.Select((t, i) => (t, i)))
        {
            if (Guid.TryParse(text, out var id))
                ids.Add(id);
            else
                violations.Add(RpcErrors.Violation($"transmission_ids[{i}]", "FORMAT", "An inbox item's transmission_id, a UUID."));
        }
        if (violations.Count > 0)
            throw RpcErrors.Invalid(violations).ToException();
        var recipient = await parties.EntityIdAsync("recipient", request.Recipient, id => ExchangeAccess.DemandInboxReader(context, id), ct);
        var (unknown, newly) = await inbox.AcknowledgeAsync(recipient, ids.Distinct().ToArray(), time.Now(), ct);
        return unknown.Count > 0
            ? throw RpcErrors.InboxItemsNotFound(request.Recipient, unknown.Select(u => u.ToString())).ToException()
            : new AcknowledgeInboxReply { NewlyAcknowledged = newly };
    }
}
