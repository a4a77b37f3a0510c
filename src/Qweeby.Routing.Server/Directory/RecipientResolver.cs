using System.Diagnostics;
using Qweeby.Routing.Core.Routing;
using Qweeby.Routing.Data.Directory;
using Qweeby.Routing.Hosting;

namespace Qweeby.Routing.Server.Directory;

/// <summary>Load the facts, decide: the one path Resolve, ResolveBatch, Explain and Submit share.</summary>
public sealed class RecipientResolver(RoutingFactsLoader loader)
{
    public async Task<RoutingDecision> ResolveAsync(RoutingQuery query, CancellationToken ct)
    {
        using var activity = Telemetry.Source.StartActivity("resolve recipient");
        var decision = RoutingPolicy.Decide(await loader.LoadAsync(query, ct));
        if (activity is not null)
        {
            activity.SetTag("qweeby.recipient", query.RecipientReference);
            activity.SetTag("qweeby.decision", decision.Rejection?.Reason ?? decision.Route!.Provider.ProviderId);
            if (decision.Rejection is not null)
                activity.SetStatus(ActivityStatusCode.Error, decision.Rejection.Reason);
        }
        return decision;
    }
}
