namespace Qweeby.Routing.Core.Lifecycle;

/// <summary>
/// Who may set which lifecycle status when: the one place that decides. A proposal is checked in this
/// order: a status id already on the timeline is a repeat (same code) or a conflict; a setter may only
/// set its own codes (<see cref="LifecycleCodes.SetBy"/>); the same code as the current status is a
/// repeat, unless the code is repeatable (212) and the proposer chose a new status id; nothing follows a final
/// status but another 212 after a 212; past <see cref="MaxStatuses"/> statuses only a first final one may come;
/// then each code's precondition:
/// <list type="bullet">
/// <item>200 starts an empty timeline; 201 and 202 move the platforms' progress forward only; 203 needs 202;</item>
/// <item>213 and 221 only before 203 (once the buyer can take the invoice it was routed and accepted);</item>
/// <item>a buyer status needs 203; 204 comes before any other buyer status;</item>
/// <item>a supplier status needs 203, but 220 (cancel) may come at any time before a final status; 209 (the supplier
/// completing the invoice) answers the buyer's 208, once.</item>
/// </list>
/// The timeline is in the order this access point learnt of its statuses; causally related statuses
/// (an answer and what it answers) are in the same order on every access point.
/// </summary>
public static class LifecycleMachine
{
    /// <summary>
    /// How many statuses an invoice carries before only a final one may follow. Far above any real invoice's life
    /// (a dozen); what it stops is a system toggling two statuses forever, since every timeline is read whole on
    /// each change and returned whole by SetStatus.
    /// </summary>
    public const int MaxStatuses = 100;

    /// <summary>
    /// The same bound for a status a partner recorded already: the two ends need not hold the same count (a status
    /// this end set for itself never travels), so a partner's status is checked against twice the bound, which still
    /// stops a partner that never stops.
    /// </summary>
    public const int MaxReceivedStatuses = 2 * MaxStatuses;

    /// <param name="maxStatuses"><see cref="MaxStatuses"/>, or <see cref="MaxReceivedStatuses"/> for a status a partner sent.</param>
    public static LifecycleDecision Decide(IReadOnlyList<TimelineEntry> timeline, ProposedStatus proposed, int maxStatuses = MaxStatuses)
    {
        var state = LifecycleState.Of(timeline);
        foreach (var entry in timeline)
        {
            if (entry.StatusId != proposed.StatusId)
                continue;
            return entry.Code == proposed.Code
                ? new LifecycleDecision(LifecycleVerdict.Repeat, state.Current, AllowedNext(state, proposed.Setter),
                    $"Status {proposed.StatusId} is already recorded.", entry)
                : new LifecycleDecision(LifecycleVerdict.Conflict, state.Current, AllowedNext(state, proposed.Setter),
                    $"Status id {proposed.StatusId} already names {LifecycleCodes.Named(entry.Code)} on this invoice, not {LifecycleCodes.Named(proposed.Code)}.", entry);
        }
        if (LifecycleCodes.MaySet(proposed.Setter, proposed.Code) && state.Current == proposed.Code
            && !(proposed.IdChosen && LifecycleCodes.IsRepeatable(proposed.Code)))
            return new LifecycleDecision(LifecycleVerdict.Repeat, state.Current, AllowedNext(state, proposed.Setter),
                $"{LifecycleCodes.Named(proposed.Code)} is already the current status.", timeline[^1]);
        return Blocker(state, proposed.Code, proposed.Setter, maxStatuses) is { } why
            ? new LifecycleDecision(LifecycleVerdict.Refuse, state.Current, AllowedNext(state, proposed.Setter), why)
            : new LifecycleDecision(LifecycleVerdict.Record, state.Current, [], "");
    }

    /// <summary>What <paramref name="setter"/> may set now (a repeat of the current status is not a next one).</summary>
    public static IReadOnlyList<LifecycleCode> AllowedNext(IReadOnlyList<TimelineEntry> timeline, LifecycleSetter setter) =>
        AllowedNext(LifecycleState.Of(timeline), setter);

    /// <summary>The current status: the last on the timeline, null before any.</summary>
    public static LifecycleCode? Current(IReadOnlyList<TimelineEntry> timeline) => timeline.Count > 0 ? timeline[^1].Code : null;

    private static List<LifecycleCode> AllowedNext(LifecycleState state, LifecycleSetter setter) =>
        [.. LifecycleCodes.SetByOf(setter).Where(code => (code != state.Current || LifecycleCodes.IsRepeatable(code)) && Blocker(state, code, setter) is null)];

    /// <summary>Why <paramref name="code"/> may not be set now; null when it may.</summary>
    private static string? Blocker(LifecycleState s, LifecycleCode code, LifecycleSetter setter, int maxStatuses = MaxStatuses)
    {
        var named = LifecycleCodes.Named(code);
        if (!LifecycleCodes.MaySet(setter, code))
            return $"{named} is set by {Who(code)}, not by {Describe(setter)}.";
        if (s.Final is { } final && !(code == final && LifecycleCodes.IsRepeatable(final)))
            return LifecycleCodes.IsRepeatable(final)
                ? $"The invoice is closed by {LifecycleCodes.Named(final)}: only another {LifecycleCodes.Named(final)} (a further payment received) may follow."
                : $"The invoice is closed by {LifecycleCodes.Named(final)}: nothing follows a final status.";
        if (s.Count >= maxStatuses && s.Final is not null)
            return $"The invoice carries {s.Count} statuses, the most one may, and is closed by {LifecycleCodes.Named(s.Final.Value)}.";
        if (s.Count >= maxStatuses && !LifecycleCodes.IsFinal(code))
            return $"The invoice carries {s.Count} statuses, the most one may: only a final status may follow ({string.Join(", ", LifecycleCodes.All.Where(LifecycleCodes.IsFinal).Select(LifecycleCodes.Named))}).";
        var stage = LifecycleState.StageCode(s.Stage);
        return code switch
        {
            LifecycleCode.Deposited when s.Current is not null => $"{named} starts a timeline; this invoice is at {s.Describe()}.",
            LifecycleCode.Issued or LifecycleCode.Received when LifecycleState.Rank(code) <= s.Stage =>
                $"The invoice is already at {LifecycleCodes.Named(stage)}: platforms move it forward only.",
            LifecycleCode.MadeAvailable when s.Stage != 3 => s.Stage > 3
                ? $"The invoice is already at {LifecycleCodes.Named(stage)}."
                : $"{named} needs {LifecycleCodes.Named(LifecycleCode.Received)} first; the invoice is at {s.Describe()}.",
            LifecycleCode.Rejected or LifecycleCode.RoutingError when s.Stage >= LifecycleState.Available =>
                $"The invoice was made available to the buyer ({LifecycleCodes.Named(LifecycleCode.MadeAvailable)}): it can no longer be {(code == LifecycleCode.Rejected ? "rejected" : "misrouted")} by a platform.",
            LifecycleCode.Cancelled => null,
            _ when s.Stage < LifecycleState.Available && setter is LifecycleSetter.Buyer or LifecycleSetter.Supplier =>
                $"{named} needs the invoice made available to the buyer ({LifecycleCodes.Named(LifecycleCode.MadeAvailable)}); it is at {s.Describe()}.",
            LifecycleCode.TakenOver when s.LastBuyer is not null =>
                $"{named} comes before any other buyer status; the buyer already set {LifecycleCodes.Named(s.LastBuyer.Value)}.",
            LifecycleCode.Completed when s.LastBuyer != LifecycleCode.Suspended =>
                $"{named} answers the buyer's suspension ({LifecycleCodes.Named(LifecycleCode.Suspended)}); the buyer's last status is {(s.LastBuyer is { } b ? LifecycleCodes.Named(b) : "none")}.",
            LifecycleCode.Completed when s.Completed =>
                $"{named} answers the buyer's suspension once: the supplier already completed the invoice since the last {LifecycleCodes.Named(LifecycleCode.Suspended)}.",
            _ => null,
        };
    }

    private static string Who(LifecycleCode code) => LifecycleCodes.SetBy(code) switch
    {
        [LifecycleSetter.SupplierPlatform, LifecycleSetter.BuyerPlatform] => "platforms only, as the invoice moves",
        [LifecycleSetter.SupplierPlatform or LifecycleSetter.BuyerPlatform] and [var platform] => $"{Describe(platform)} only, as the invoice moves",
        [var only] => Describe(only),
        var several => string.Join(" or ", several.Select(Describe)),
    };

    private static string Describe(LifecycleSetter setter) => setter switch
    {
        LifecycleSetter.SupplierPlatform => "the supplier's platform",
        LifecycleSetter.BuyerPlatform => "the buyer's platform",
        LifecycleSetter.Buyer => "the buyer",
        _ => "the supplier",
    };
}
