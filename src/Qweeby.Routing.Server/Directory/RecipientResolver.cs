using System.Diagnostics;
using Qweeby.Routing.Core.Routing;
using Qweeby.Routing.Data.Directory;
using Qweeby.Routing.Hosting;

namespace Qweeby.Routing.Server.Directory;

/// <summary>Load the facts, decide: the one path Resolve, ResolveBatch, Explain and Submit share.</summary>
public sealed class RecipientResolver(RoutingFactsLoader loader)
{
    private readonly DecisionMemo _decisions = new();

    public Task<RoutingDecision> ResolveAsync(RoutingQuery query, CancellationToken ct) => ResolveAsync(query, null, ct);

    /// <param name="authorizeSender">Called with the sender as found, before anything is decided or answered:
    /// it throws when the caller may not act for that sender.</param>
    public async Task<RoutingDecision> ResolveAsync(RoutingQuery query, Action<SenderLookup>? authorizeSender, CancellationToken ct)
    {
        using var activity = Telemetry.Source.StartActivity("resolve recipient");
        var facts = await loader.LoadAsync(query, ct);
        if (facts.Sender is { } sender)
            authorizeSender?.Invoke(sender);
        var decision = _decisions.Decide(facts);
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
