using Qweeby.Routing.Bench.Scenarios;

namespace Qweeby.Routing.Bench.Report;

/// <summary>
/// What a cache miss cannot go below: one gRPC call (the empty one) plus one Postgres round trip (the PK SELECT),
/// both p50 from the same run. Issue 7 compares the miss with the PK SELECT alone (at most 1.5x), which this floor
/// already exceeds; the report shows both ratios, and the p50 of the miss's own Postgres batch alone when it was measured.
/// </summary>
public sealed record MissFloor(int Concurrency, double EmptyGrpcP50Us, double SelectP50Us, double MissP50Us, double? ColdReadP50Us = null)
{
    public double FloorP50Us => EmptyGrpcP50Us + SelectP50Us;

    public double MissOverFloor => MissP50Us / FloorP50Us;

    public double MissOverSelect => MissP50Us / SelectP50Us;

    public double FloorOverSelect => FloorP50Us / SelectP50Us;

    public static IEnumerable<MissFloor> Of(SizeResult size) =>
        size.Measurements.Where(m => m.Scenario == DirectoryScenarios.ResolveMiss).Select(miss => (
                miss,
                empty: size.Find(Baselines.EmptyGrpc, miss.Concurrency),
                select: size.Find(Baselines.PrimaryKeySelect, miss.Concurrency)))
            .Where(t => t.empty is not null && t.select is not null && t.select.P50Us > 0)
            .Select(t => new MissFloor(t.miss.Concurrency, t.empty!.P50Us, t.select!.P50Us, t.miss.P50Us,
                size.Find(ColdReadScenario.Name, t.miss.Concurrency)?.P50Us));
}
