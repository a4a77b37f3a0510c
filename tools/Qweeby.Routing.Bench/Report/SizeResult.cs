using Qweeby.Routing.Bench.Generation;
using Qweeby.Routing.Bench.Load;
using Qweeby.Routing.Bench.Scenarios;

namespace Qweeby.Routing.Bench.Report;

/// <summary>Everything measured against one directory size: each figure's median over the rounds, and the rounds themselves.</summary>
public sealed record SizeResult(string Label, long Entities, LoadReport Load, IReadOnlyList<Measurement> Measurements, MirrorScenario.Result? Mirror)
{
    public IReadOnlyList<IReadOnlyList<Measurement>> Rounds { get; init; } = [];

    public Measurement? Find(string scenario, int concurrency) => Find(Measurements, scenario, concurrency);

    public static Measurement? Find(IReadOnlyList<Measurement> measurements, string scenario, int concurrency) =>
        measurements.FirstOrDefault(m => m.Scenario == scenario && m.Concurrency == concurrency);
}
