using System.Diagnostics;
using Qweeby.Routing.Core.Routing;
using Qweeby.Routing.Data.Directory;

namespace Qweeby.Routing.Server.Directory;

/// <summary>Load the facts, decide: the one path Resolve, ResolveBatch, Explain and Submit share.</summary>
public sealed class RecipientResolver(RoutingFactsLoader loader)
{
    private readonly DecisionMemo _decisions = new();

    public Task<RoutingDecision> ResolveAsync(RoutingQuery query, CancellationToken ct) => ResolveAsync(query, null, ct);

    /// <summary>
    /// Tags the current span (the call's; a batch item's own) with the recipient and the decision: a call resolving
    /// one recipient needs no span of its own for that.
    /// </summary>
    /// <param name="authorizeSender">Called with the sender as found, before anything is decided or answered:
    /// it throws when the caller may not act for that sender.</param>
    public async Task<RoutingDecision> ResolveAsync(RoutingQuery query, Action<SenderLookup>? authorizeSender, CancellationToken ct)
    {
        var facts = await loader.LoadAsync(query, ct);
        if (facts.Sender is { } sender)
            authorizeSender?.Invoke(sender);
        var decision = _decisions.Decide(facts);
        if (Activity.Current is { IsAllDataRequested: true } activity)
        {
            activity.SetTag("qweeby.recipient", facts.Recipient.Reference);
            activity.SetTag("qweeby.decision", decision.Rejection?.Reason ?? decision.Route!.Provider.ProviderId);
        }
        return decision;
    }
}
