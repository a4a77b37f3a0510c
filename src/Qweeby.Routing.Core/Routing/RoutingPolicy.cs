using Qweeby.Routing.Core.Directory;

namespace Qweeby.Routing.Core.Routing;

/// <summary>
/// The routing decision, as a pure function of the facts. Resolve, Submit and Explain all call it.
/// Every rule is evaluated, in order, so Explain can show them all; the first failure decides.
/// </summary>
public static class RoutingPolicy
{
    private static readonly (string Name, Func<RoutingFacts, RuleResult> Evaluate)[] Rules =
    [
        (RuleNames.SenderKnown, SenderRules.Known),
        (RuleNames.SenderActive, SenderRules.Active),
        (RuleNames.RecipientFound, RecipientRules.Found),
        (RuleNames.RecipientActive, RecipientRules.Active),
        (RuleNames.CustomerDirectory, SenderRules.CustomerDirectory),
        (RuleNames.AcceptsEInvoicing, RecipientRules.AcceptsEInvoicing),
        (RuleNames.Consent, SenderRules.Consent),
        (RuleNames.SupplierDirectory, RecipientRules.SupplierDirectory),
        (RuleNames.RoutingActivation, SenderRules.RoutingActivation),
        (RuleNames.DirectoryLine, ProviderSelection.DirectoryLine),
        (RuleNames.ProviderSelected, ProviderSelection.Select),
    ];

    public static RoutingDecision Decide(RoutingFacts facts)
    {
        var outcomes = new List<RuleOutcome>(Rules.Length);
        RoutingRejection? rejection = null;
        RouteChoice? route = null;
        foreach (var (name, evaluate) in Rules)
        {
            var result = evaluate(facts);
            outcomes.Add(new RuleOutcome(name, result.Verdict, result.Fact));
            rejection ??= result.Rejection;
            route ??= result.Route;
        }
        return new RoutingDecision(outcomes, rejection is null ? route : null, rejection)
        {
            Recipient = facts.Recipient.Entity,
            MatchedBy = facts.Recipient.MatchedBy,
            Sender = facts.Sender?.Entity,
        };
    }

    internal static string Describe(EntityFacts entity) =>
        entity.Identifiers.Count > 0 ? $"{entity.LegalName} ({entity.Identifiers[0]})" : entity.LegalName;
}
