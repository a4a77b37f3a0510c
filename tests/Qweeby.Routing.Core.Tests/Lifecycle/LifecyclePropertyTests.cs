using CsCheck;
using Qweeby.Routing.Core.Lifecycle;

namespace Qweeby.Routing.Core.Tests.Lifecycle;

/// <summary>Whatever anyone proposes, in any order, what gets recorded stays a coherent timeline.</summary>
public sealed class LifecyclePropertyTests
{
    private static readonly Gen<(LifecycleCode Code, LifecycleSetter Setter, int Reuse, bool IdChosen)> Proposal =
        Gen.Select(Gen.OneOf<LifecycleCode>([.. LifecycleCodes.All]), Gen.Enum<LifecycleSetter>(), Gen.Int[-1, 5], Gen.Bool);

    [Fact]
    public void Any_sequence_of_proposals_records_a_coherent_timeline()
    {
        Proposal.Array[0, 40].Sample(proposals =>
        {
            var timeline = new List<TimelineEntry>();
            var setBy = new List<LifecycleSetter>();
            foreach (var (code, setter, reuse, idChosen) in proposals)
            {
                // Now and then a status id already used: a retry, or a client reusing it for something else.
                var id = reuse >= 0 && reuse < timeline.Count ? timeline[reuse].StatusId : Guid.NewGuid();
                var decision = LifecycleMachine.Decide(timeline, new ProposedStatus(id, code, setter, idChosen));
                if (decision.Verdict == LifecycleVerdict.Record)
                {
                    Assert.Contains(code, LifecycleMachine.AllowedNext(timeline, setter));
                    timeline.Add(new TimelineEntry(id, code));
                    setBy.Add(setter);
                }
                else if (decision.Verdict == LifecycleVerdict.Refuse)
                    Assert.DoesNotContain(code, decision.AllowedNext);
            }
            AssertCoherent(timeline, setBy);
        }, iter: 5_000);
    }

    private static void AssertCoherent(List<TimelineEntry> timeline, List<LifecycleSetter> setBy)
    {
        Assert.Equal(timeline.Count, timeline.Select(e => e.StatusId).Distinct().Count());
        var final = timeline.FindIndex(e => LifecycleCodes.IsFinal(e.Code));
        Assert.True(final < 0 || timeline.Skip(final + 1).All(e => e.Code == timeline[final].Code && LifecycleCodes.IsRepeatable(e.Code)),
            "a status after a final one, other than a further 212");
        var available = timeline.FindIndex(e => e.Code == LifecycleCode.MadeAvailable);
        var progress = timeline.Select(e => (int)e.Code).Where(c => c is >= 200 and <= 203).ToList();
        Assert.Equal(progress.Order(), progress);
        Assert.Equal(progress.Count, progress.Distinct().Count());
        for (var i = 0; i < timeline.Count; i++)
        {
            Assert.True(LifecycleCodes.MaySet(setBy[i], timeline[i].Code), $"{setBy[i]} set {(int)timeline[i].Code}");
            Assert.True(i == 0 || timeline[i].Code != timeline[i - 1].Code || LifecycleCodes.IsRepeatable(timeline[i].Code), "the same status twice in a row");
            if (setBy[i] is LifecycleSetter.Buyer || (setBy[i] is LifecycleSetter.Supplier && timeline[i].Code != LifecycleCode.Cancelled))
                Assert.True(available >= 0 && available < i, $"{(int)timeline[i].Code} before 203");
        }
    }
}
