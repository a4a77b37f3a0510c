namespace Qweeby.Routing.Core.Lifecycle;

/// <summary>The state machine's answer to a proposed status.</summary>
/// <param name="Current">The invoice's current status (the last on its timeline); null before any.</param>
/// <param name="AllowedNext">What the proposer may set now, in numeric order.</param>
/// <param name="Explanation">Why it was refused (or repeated); empty when recorded.</param>
/// <param name="Existing">For a repeat or a conflict: the status already on the timeline.</param>
public sealed record LifecycleDecision(
    LifecycleVerdict Verdict,
    LifecycleCode? Current,
    IReadOnlyList<LifecycleCode> AllowedNext,
    string Explanation,
    TimelineEntry? Existing = null);
