using Qweeby.Routing.Core.Directory;

namespace Qweeby.Routing.Core.Routing;

/// <summary>The outcome of <see cref="RoutingPolicy.Decide"/>: a route or a rejection, and every rule evaluated.</summary>
public sealed record RoutingDecision(IReadOnlyList<RuleOutcome> Rules, RouteChoice? Route, RoutingRejection? Rejection)
{
    public EntityFacts? Recipient { get; init; }
    public string? MatchedBy { get; init; }

    /// <summary>The sending entity the decision was made for (null: none named, or unknown). Submit keys idempotency on it.</summary>
    public EntityFacts? Sender { get; init; }
}

/// <summary>
/// The provider chosen and why ("directory_line", "pinned_by_sender", "recipient_default", "only_provider",
/// "first_eligible"), with the French directory line when one decided.
/// </summary>
public sealed record RouteChoice(ProviderFacts Provider, string ChosenBecause, Addressing.DirectoryLine? Line = null);

public enum RuleVerdict { Passed, Failed, Skipped }

/// <summary>One rule as evaluated, with the fact it used, for Explain and the rule path.</summary>
public sealed record RuleOutcome(string Rule, RuleVerdict Verdict, string Fact);
