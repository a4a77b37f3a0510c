using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Data.Admin;
using Qweeby.Routing.Hosting.Options;
using Qweeby.Routing.Hosting.Security;

namespace Qweeby.Routing.Admin.Grpc;

/// <summary>
/// The admin audit, newest first. Platform administrators read every record; account administrators the records of
/// an entity they administer (entity is then required).
/// </summary>
[Authorize(Policy = Policies.AccountAdministrator)]
public sealed class AuditService(EntityResolver entities, AuditStore store, IOptions<LimitsOptions> limits) : Audit.AuditBase
{
    public override async Task<ListAuditRecordsReply> ListAuditRecords(ListAuditRecordsRequest request, ServerCallContext context)
    {
        var fields = new RequestFields();
        var entity = request.Entity.Length > 0 ? fields.Entity("entity", request.Entity) : (EntityReference?)null;
        if (entity is null && !context.GetCaller().Scope.IsAll)
            fields.Add("entity", "REQUIRED", "Name the entity whose records you want: an account administrator reads its own entities' records.");
        var actor = fields.Text("actor", request.Actor, required: false);
        var since = fields.Time("since", request.Since);
        var until = fields.Time("until", request.Until);
        if (since is not null && until is not null && until <= since)
            fields.Add("until", "OUT_OF_RANGE", "until must be after since.");
        var size = fields.PageSize("page_size", request.PageSize, limits.Value.MaxPageSize);
        var query = string.Join('|', "audit", request.Entity, actor, since?.ToString("O", CultureInfo.InvariantCulture), until?.ToString("O", CultureInfo.InvariantCulture));
        var before = PageToken.Decode(fields, "page_token", request.PageToken, query);
        fields.ThrowIfInvalid();

        Guid? entityId = entity is { } e ? await entities.ResolveAdministeredAsync(context, "entity", e) : null;
        var filter = new AuditFilter(entityId, actor, since, until, before is > 0 ? before : null, size);
        var (items, more) = await store.ListAsync(filter, context.CancellationToken);
        return new ListAuditRecordsReply
        {
            Records = { items.Select(a => a.ToReply()) },
            NextPageToken = more ? PageToken.Encode(query, items[^1].AuditId) : "",
        };
    }
}
