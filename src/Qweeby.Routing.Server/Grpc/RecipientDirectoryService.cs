using System.Diagnostics;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Core.Routing;
using Qweeby.Routing.Core.Security;
using Qweeby.Routing.Hosting;
using Qweeby.Routing.Hosting.Grpc;
using Qweeby.Routing.Hosting.Options;
using Qweeby.Routing.Hosting.Security;
using Qweeby.Routing.Server.Directory;

namespace Qweeby.Routing.Server.Grpc;

/// <summary>
/// Resolution and search: parse, resolve, map. The rules live in RoutingPolicy. Callers need the Resolve
/// role; resolving on behalf of a sender needs that sender in the caller's scope.
/// </summary>
[Authorize(Policy = Policies.Resolve)]
[BindServiceMethod(typeof(RecipientDirectoryBinding), nameof(RecipientDirectoryBinding.BindService))]
public sealed class RecipientDirectoryService(RecipientResolver resolver, RecipientSearch search, IOptions<LimitsOptions> limits)
    : RecipientDirectory.RecipientDirectoryBase
{
    private const int BatchParallelism = 8;

    public override async Task<ResolveReply> Resolve(ResolveRequest request, ServerCallContext context)
    {
        var decision = await resolver.ResolveAsync(DirectoryRequests.ToQuery(request), ActingFor(context), context.CancellationToken);
        return decision.Rejection is { } rejection ? throw RpcErrors.Rejected(rejection).ToException() : decision.ToReply();
    }

    public override async Task<ExplainReply> Explain(ResolveRequest request, ServerCallContext context)
    {
        var decision = await resolver.ResolveAsync(DirectoryRequests.ToQuery(request), ActingFor(context), context.CancellationToken);
        return decision.ToExplainReply();
    }

    public override async Task<ResolveBatchReply> ResolveBatch(ResolveBatchRequest request, ServerCallContext context)
    {
        var max = limits.Value.MaxBatchSize;
        if (request.Recipients.Count > max)
            throw RpcErrors.Invalid("recipients", "TOO_MANY", $"At most {max} recipients per batch; split this one ({request.Recipients.Count}).").ToException();
        DirectoryRequests.ParseBatchSender(request);

        var items = new ResolveBatchItem[request.Recipients.Count];
        await Parallel.ForAsync(0, items.Length, new ParallelOptions { MaxDegreeOfParallelism = BatchParallelism, CancellationToken = context.CancellationToken },
            async (i, ct) =>
            {
                var query = DirectoryRequests.ToQuery(request, i, out var invalid);
                if (query is null)
                {
                    items[i] = new ResolveBatchItem { Error = invalid!.ToItemError() };
                    return;
                }
                using var span = Telemetry.Source.StartActivity("resolve recipient");
                var decision = await resolver.ResolveAsync(query, ActingFor(context), ct);
                if (decision.Rejection is { } refused)
                    span?.SetStatus(ActivityStatusCode.Error, refused.Reason);
                items[i] = decision.Rejection is { } rejection
                    ? new ResolveBatchItem { Error = RpcErrors.Rejected(rejection).ToItemError() }
                    : new ResolveBatchItem { Resolved = decision.ToReply() };
            });
        return new ResolveBatchReply { Items = { items } };
    }

    /// <summary>
    /// The caller must be allowed to resolve for the sender. A caller scoped to some entities learns nothing
    /// about senders outside them, not even whether they exist.
    /// </summary>
    private static Action<SenderLookup> ActingFor(ServerCallContext context) => sender =>
    {
        if (sender.Entity is { } entity)
            context.DemandMayActFor(entity.EntityId, Role.Resolve);
        else if (!context.GetCaller().Scope.IsAll)
            context.DemandMayActFor(Guid.Empty, Role.Resolve);
    };

    public override Task<SearchReply> Search(SearchRequest request, ServerCallContext context) =>
        search.SearchAsync(request, context.CancellationToken);
}
