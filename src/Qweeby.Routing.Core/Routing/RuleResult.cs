namespace Qweeby.Routing.Core.Routing;

/// <summary>What one rule concluded; a failure carries the rejection the caller gets.</summary>
internal sealed record RuleResult(RuleVerdict Verdict, string Fact, RoutingRejection? Rejection = null, RouteChoice? Route = null)
{
    public static RuleResult Pass(string fact) => new(RuleVerdict.Passed, fact);

    public static RuleResult Skip(string fact) => new(RuleVerdict.Skipped, fact);

    public static RuleResult Fail(string fact, RejectionKind kind, string reason, string message, params (string Key, string Value)[] metadata) =>
        new(RuleVerdict.Failed, fact, new RoutingRejection(kind, reason, message, metadata.ToDictionary(m => m.Key, m => m.Value)));
}
