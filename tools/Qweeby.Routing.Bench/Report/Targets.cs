using Qweeby.Routing.Bench.Scenarios;

namespace Qweeby.Routing.Bench.Report;

/// <summary>Issue 7 §4 (and issue 9's mirror import rate), computed from one run's results.</summary>
public static class Targets
{
    public static IReadOnlyList<Target> Evaluate(IReadOnlyList<SizeResult> sizes, int high)
    {
        var targets = new List<Target>();
        foreach (var size in sizes)
        {
            targets.Add(Compared(size, $"[{size.Label}] cache-hit Resolve throughput / empty gRPC, c={high}",
                DirectoryScenarios.ResolveHit, high, m => m.PerSecond, 0.8, true));
            targets.Add(Compared(size, $"[{size.Label}] cache-hit Resolve p99 / empty gRPC p99, c={high}",
                DirectoryScenarios.ResolveHit, high, m => m.P99Us, 1.3, false));
            targets.Add(Compared(size, $"[{size.Label}] cache-miss Resolve p50 / Npgsql PK SELECT p50, c=1",
                DirectoryScenarios.ResolveMiss, 1, m => m.P50Us, 1.5, false));
            targets.Add(new($"[{size.Label}] bulk load, entities/s with identifiers", size.Load.EntitiesPerSecond, 100_000, true, "/s"));
            targets.Add(new($"[{size.Label}] bulk load rows/s (entities + identifiers, keys built) / raw binary COPY rows/s", size.Load.LoadRowsPerSecond / size.Load.RawRowsPerSecond, 0.25, true));
            targets.Add(Compared(size, $"[{size.Label}] Submit->DELIVERED / 20 KB insert+commit, c={high}",
                SubmitScenario.Name, high, m => m.PerSecond, 0.25, true));
            if (size.Mirror is { } mirror)
                targets.Add(new($"[{size.Label}] mirror import (issue 9), lines/s", mirror.FirstLinesPerSecond, 100_000, true, "/s"));
        }
        if (sizes.Count >= 2)
        {
            var (small, large) = (sizes[0], sizes[^1]);
            // Each size's figure relative to its own same-run baseline, so machine noise between the two sizes cancels.
            double? Normalized(SizeResult s, Func<Load.Measurement, double> f)
            {
                var hit = s.Find(DirectoryScenarios.ResolveHit, high);
                var empty = s.Find(Baselines.EmptyGrpc, high);
                return hit is null || empty is null ? null : f(hit) / f(empty);
            }
            targets.Add(new($"cache-hit throughput at {large.Label} / at {small.Label} (each vs its empty gRPC), c={high}",
                Div(Normalized(large, m => m.PerSecond), Normalized(small, m => m.PerSecond)), 0.8, true));
            targets.Add(new($"cache-hit p99 at {large.Label} / at {small.Label} (each vs its empty gRPC), c={high}",
                Div(Normalized(large, m => m.P99Us), Normalized(small, m => m.P99Us)), 1.2, false));
        }
        return targets;
    }

    /// <summary>A scenario's figure over its baseline's (<see cref="BaselineOf"/>): the medians' ratio, and the ratio's range over the rounds.</summary>
    private static Target Compared(SizeResult size, string name, string scenario, int concurrency,
        Func<Load.Measurement, double> figure, double required, bool higherIsBetter)
    {
        var baseline = BaselineOf.Scenario(scenario) ?? throw new ArgumentException($"{scenario} has no baseline", nameof(scenario));
        double? Ratio(IReadOnlyList<Load.Measurement> measurements) =>
            SizeResult.Find(measurements, scenario, concurrency) is { } s && SizeResult.Find(measurements, baseline, concurrency) is { } b
                ? Div(figure(s), figure(b)) : null;
        var perRound = size.Rounds.Select(Ratio).OfType<double>().ToList();
        return new Target(name, Ratio(size.Measurements), required, higherIsBetter)
        {
            Rounds = perRound.Count > 1 ? (perRound.Min(), perRound.Max()) : null,
        };
    }

    private static double? Div(double? a, double? b) => a is { } x && b is { } y && y > 0 ? x / y : null;
}
