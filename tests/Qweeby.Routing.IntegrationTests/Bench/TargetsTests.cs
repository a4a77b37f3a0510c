using Qweeby.Routing.Bench.Generation;
using Qweeby.Routing.Bench.Load;
using Qweeby.Routing.Bench.Report;
using Qweeby.Routing.Bench.Scenarios;

namespace Qweeby.Routing.IntegrationTests.Bench;

/// <summary>The targets table: a ratio of two measurements shows how it varied from round to round.</summary>
public sealed class TargetsTests
{
    private static readonly LoadReport Load = new(10_000, 40_000, 9_900, 0.1, 0.1, 0.1, 0.3, 10_000, 0.01, DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_ratio_target_gives_its_lowest_and_highest_round()
    {
        List<Measurement>[] rounds = [Round(emptyPerSecond: 50_000, hitPerSecond: 35_000), Round(40_000, 36_000), Round(45_000, 36_000)];
        var size = new SizeResult("10k", 10_000, Load, Round(45_000, 36_000), null) { Rounds = rounds };

        var hit = Targets.Evaluate([size], 32).Single(t => t.Name.Contains("cache-hit Resolve throughput", StringComparison.Ordinal));

        Assert.Equal(0.8, hit.Measured!.Value, 3);
        Assert.Equal((0.7, 0.9), (Math.Round(hit.Rounds!.Value.Lowest, 3), Math.Round(hit.Rounds.Value.Highest, 3)));
        Assert.Contains("| [10k] cache-hit Resolve throughput / empty gRPC, c=32 | 0.80 | 0.70 to 0.90 | ≥ 0.80 | met |",
            ReportWriter.Table([size], Targets.Evaluate([size], 32), "test"), StringComparison.Ordinal);
    }

    [Fact]
    public void One_round_or_a_figure_of_one_measurement_has_no_range()
    {
        var size = new SizeResult("10k", 10_000, Load, Round(45_000, 36_000), null) { Rounds = [Round(45_000, 36_000)] };

        var targets = Targets.Evaluate([size], 32);

        Assert.Null(targets.Single(t => t.Name.Contains("cache-hit Resolve throughput", StringComparison.Ordinal)).Rounds);
        Assert.Null(targets.Single(t => t.Name.Contains("entities/s with identifiers", StringComparison.Ordinal)).Rounds);
        Assert.Contains("| [10k] bulk load, entities/s with identifiers | 100,000/s |  | ≥ 100,000/s | met |",
            ReportWriter.Table([size], targets, "test"), StringComparison.Ordinal);
    }

    private static List<Measurement> Round(double emptyPerSecond, double hitPerSecond) =>
    [
        new(Baselines.EmptyGrpc, 32, (long)(emptyPerSecond * 6), 0, 6, 500, 800, 2_000, 4_000),
        new(DirectoryScenarios.ResolveHit, 32, (long)(hitPerSecond * 6), 0, 6, 600, 900, 2_400, 5_000),
    ];
}
