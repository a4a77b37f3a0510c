namespace Qweeby.Routing.Core.Lifecycle;

/// <summary>
/// What a timeline comes to, for the state machine: how far the platforms moved the invoice (0 nothing,
/// 1 = 200 Déposée, 2 = 201 Émise, 3 = 202 Reçue, 4 = 203 Mise à disposition), its final status if any,
/// its current (last) status, the buyer's last one, whether the supplier completed (209) the invoice since the
/// buyer's last suspension (208), and how many statuses it has.
/// </summary>
internal sealed record LifecycleState(int Stage, LifecycleCode? Final, LifecycleCode? Current, LifecycleCode? LastBuyer, bool Completed, int Count)
{
    public const int Available = 4;

    public static LifecycleState Of(IReadOnlyList<TimelineEntry> timeline)
    {
        var stage = 0;
        LifecycleCode? final = null;
        LifecycleCode? lastBuyer = null;
        var completed = false;
        foreach (var entry in timeline)
        {
            if (entry.Code is LifecycleCode.Suspended or LifecycleCode.Completed)
                completed = entry.Code == LifecycleCode.Completed;
            stage = Math.Max(stage, Rank(entry.Code));
            if (final is null && LifecycleCodes.IsFinal(entry.Code))
                final = entry.Code;
            if (LifecycleCodes.MaySet(LifecycleSetter.Buyer, entry.Code))
                lastBuyer = entry.Code;
        }
        return new LifecycleState(stage, final, timeline.Count > 0 ? timeline[^1].Code : null, lastBuyer, completed, timeline.Count);
    }

    /// <summary>The stage a platform progression code marks; 0 for the others.</summary>
    public static int Rank(LifecycleCode code) => code switch
    {
        LifecycleCode.Deposited => 1,
        LifecycleCode.Issued => 2,
        LifecycleCode.Received => 3,
        LifecycleCode.MadeAvailable => Available,
        _ => 0,
    };

    public static LifecycleCode StageCode(int stage) => stage switch
    {
        1 => LifecycleCode.Deposited,
        2 => LifecycleCode.Issued,
        3 => LifecycleCode.Received,
        _ => LifecycleCode.MadeAvailable,
    };

    public string Describe() => Current is { } current ? LifecycleCodes.Named(current) : "no status yet";
}
