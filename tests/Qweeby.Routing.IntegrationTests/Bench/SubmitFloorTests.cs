using Qweeby.Routing.Bench.Generation;
using Qweeby.Routing.Bench.Load;
using Qweeby.Routing.Bench.Report;
using Qweeby.Routing.Bench.Scenarios;

namespace Qweeby.Routing.IntegrationTests.Bench;

/// <summary>The Submit floor line: the floor and Submit each as a share of the raw insert, and Submit as a share of the floor, at each concurrency.</summary>
public sealed class SubmitFloorTests
{
    private static readonly LoadReport Load = new(10_000, 40_000, 9_900, 0.1, 0.1, 0.1, 0.3, 10_000, 0.01, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Submit_is_set_beside_the_insert_and_the_floor_measured_at_its_own_concurrency()
    {
        List<Measurement> measured =
        [
            Rate(Baselines.Insert20K, 1, 4_000), Rate(RelayFloorScenario.Name, 1, 1_000), Rate(SubmitScenario.Name, 1, 250),
            Rate(Baselines.Insert20K, 32, 8_000), Rate(RelayFloorScenario.Name, 32, 2_000), Rate(SubmitScenario.Name, 32, 1_000),
        ];
        var size = new SizeResult("10k", 10_000, Load, measured, null);

        var floors = SubmitFloor.Of(size).ToDictionary(f => f.Concurrency);

        Assert.Equal((0.25, 0.0625, 0.25), (floors[1].FloorOverInsert, floors[1].SubmitOverInsert, floors[1].SubmitOverFloor));
        Assert.Equal((0.25, 0.125, 0.5), (floors[32].FloorOverInsert, floors[32].SubmitOverInsert, floors[32].SubmitOverFloor));
        Assert.Contains("Submit floor, c=32: two durable 20 KB hops (client to A to B over TLS, one insert-and-commit at each, nothing else) 2,000/s = " +
            "**0.25 of the 20 KB insert+commit**; Submit -> DELIVERED 1,000/s = 0.12 of the insert (issue 7 asks at least 0.25), **0.50 of this floor**.",
            ReportWriter.Table([size], [], "test"), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_floor_measured_there_is_no_line()
    {
        var size = new SizeResult("10k", 10_000, Load, [Rate(Baselines.Insert20K, 32, 8_000), Rate(SubmitScenario.Name, 32, 1_000)], null);

        Assert.Empty(SubmitFloor.Of(size));
        Assert.DoesNotContain("Submit floor", ReportWriter.Table([size], [], "test"), StringComparison.Ordinal);
    }

    private static Measurement Rate(string scenario, int concurrency, double perSecond) =>
        new(scenario, concurrency, (long)(perSecond * 6), 0, 6, 500, 800, 2_000, 4_000);
}
