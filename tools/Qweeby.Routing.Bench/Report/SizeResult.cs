using Qweeby.Routing.Bench.Generation;
using Qweeby.Routing.Bench.Load;
using Qweeby.Routing.Bench.Scenarios;

namespace Qweeby.Routing.Bench.Report;

/// <summary>Everything measured against one directory size.</summary>
public sealed record SizeResult(string Label, long Entities, LoadReport Load, IReadOnlyList<Measurement> Measurements, MirrorScenario.Result? Mirror)
{
    public Measurement? Find(string scenario, int concurrency) =>
        Measurements.FirstOrDefault(m => m.Scenario == scenario && m.Concurrency == concurrency);
}
