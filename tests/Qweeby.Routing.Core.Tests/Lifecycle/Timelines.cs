using Qweeby.Routing.Core.Lifecycle;

namespace Qweeby.Routing.Core.Tests.Lifecycle;

/// <summary>Timelines built through the machine, and every state the machine can reach.</summary>
internal static class Timelines
{
    public static readonly LifecycleCode[] Delivered = [LifecycleCode.Deposited, LifecycleCode.Issued, LifecycleCode.Received, LifecycleCode.MadeAvailable];

    /// <summary>A timeline of <paramref name="codes"/>, each set by the first setter allowed to (fails if the machine refuses one).</summary>
    public static List<TimelineEntry> Of(params LifecycleCode[] codes)
    {
        var timeline = new List<TimelineEntry>();
        foreach (var code in codes)
        {
            var proposed = new ProposedStatus(Guid.NewGuid(), code, LifecycleCodes.SetBy(code)[0]);
            var decision = LifecycleMachine.Decide(timeline, proposed);
            Assert.True(decision.Verdict == LifecycleVerdict.Record, $"{string.Join(",", codes.Select(c => (int)c))}: {(int)code} refused: {decision.Explanation}");
            timeline.Add(new TimelineEntry(proposed.StatusId, code));
        }
        return timeline;
    }

    /// <summary>
    /// One timeline per distinct situation the machine can reach from an empty one: what the rules look at
    /// (platform progress, final status, current status, buyer's last status, a completion since the last suspension).
    /// Breadth-first, so each is the shortest way there.
    /// </summary>
    public static IReadOnlyList<List<TimelineEntry>> Reachable()
    {
        var seen = new Dictionary<string, List<TimelineEntry>> { [Key([])] = [] };
        var queue = new Queue<List<TimelineEntry>>([[]]);
        while (queue.Count > 0)
        {
            var timeline = queue.Dequeue();
            foreach (var setter in LifecycleCodes.Setters)
                foreach (var code in LifecycleCodes.All)
                {
                    var proposed = new ProposedStatus(Guid.NewGuid(), code, setter);
                    if (LifecycleMachine.Decide(timeline, proposed).Verdict != LifecycleVerdict.Record)
                        continue;
                    List<TimelineEntry> next = [.. timeline, new TimelineEntry(proposed.StatusId, code)];
                    if (seen.TryAdd(Key(next), next))
                        queue.Enqueue(next);
                }
        }
        return [.. seen.Values];
    }

    private static string Key(List<TimelineEntry> t) => $"{Spec.Stage(t)}|{Spec.Final(t)}|{Spec.Current(t)}|{Spec.LastBuyer(t)}|{Spec.CompletedSinceSuspension(t)}";
}
