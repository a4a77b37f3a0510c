using Qweeby.Routing.Bench.Scenarios;

namespace Qweeby.Routing.Bench.Report;

/// <summary>
/// Submit beside what it cannot go below (<see cref="RelayFloorScenario"/>: two durable 20 KB hops and nothing else), at
/// one concurrency, all three from the same run: how far the floor itself is from the raw insert (issue 7 asks Submit
/// for a quarter of it), and how much of the floor's rate the exchange's own work leaves to Submit.
/// </summary>
public sealed record SubmitFloor(int Concurrency, double InsertPerSecond, double FloorPerSecond, double SubmitPerSecond)
{
    public double FloorOverInsert => FloorPerSecond / InsertPerSecond;

    public double SubmitOverInsert => SubmitPerSecond / InsertPerSecond;

    public double SubmitOverFloor => SubmitPerSecond / FloorPerSecond;

    public static IEnumerable<SubmitFloor> Of(SizeResult size) =>
        size.Measurements.Where(m => m.Scenario == SubmitScenario.Name).Select(submit => (
                submit,
                insert: size.Find(Baselines.Insert20K, submit.Concurrency),
                floor: size.Find(RelayFloorScenario.Name, submit.Concurrency)))
            .Where(t => t.insert is { PerSecond: > 0 } && t.floor is { PerSecond: > 0 })
            .Select(t => new SubmitFloor(t.submit.Concurrency, t.insert!.PerSecond, t.floor!.PerSecond, t.submit.PerSecond));
}
