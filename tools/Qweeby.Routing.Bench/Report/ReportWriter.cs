using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Qweeby.Routing.Bench.Report;

/// <summary>The Markdown table every run prints (and the README quotes), and the JSON it writes.</summary>
public static class ReportWriter
{
    public static string Table(IReadOnlyList<SizeResult> sizes, IReadOnlyList<Target> targets, string machine)
    {
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine}");
        foreach (var size in sizes)
        {
            s.AppendLine();
            s.AppendLine(CultureInfo.InvariantCulture, $"### {size.Label}: {size.Entities:N0} entities");
            s.AppendLine();
            s.AppendLine("| scenario | c | calls/s | p50 µs | p90 µs | p99 µs | p99.9 µs | baseline | throughput ratio | p50 ratio | p99 ratio |");
            s.AppendLine("|---|--:|--:|--:|--:|--:|--:|---|--:|--:|--:|");
            foreach (var m in size.Measurements)
            {
                var baselineName = BaselineOf.Scenario(m.Scenario);
                var b = baselineName is null ? null : size.Find(baselineName, m.Concurrency);
                var rate = m.ItemsPerCall == 1 ? $"{m.PerSecond:N0}" : $"{m.PerSecond:N0} ({m.ItemsPerSecond:N0} items)";
                s.AppendLine(CultureInfo.InvariantCulture,
                    $"| {m.Scenario} | {m.Concurrency} | {rate} | {m.P50Us:N0} | {m.P90Us:N0} | {m.P99Us:N0} | {m.P999Us:N0} | " +
                    $"{(b is null ? "" : Short(baselineName!))} | {Ratio(m.ItemsPerSecond, b?.PerSecond)} | {Ratio(m.P50Us, b?.P50Us)} | {Ratio(m.P99Us, b?.P99Us)} |");
            }
            foreach (var f in MissFloor.Of(size))
            {
                s.AppendLine().Append(CultureInfo.InvariantCulture,
                    $"Cache-miss floor, c={f.Concurrency}: empty gRPC p50 {f.EmptyGrpcP50Us:N0} µs + PK SELECT p50 {f.SelectP50Us:N0} µs = {f.FloorP50Us:N0} µs " +
                    $"({f.FloorOverSelect:F2}x the PK SELECT alone); Resolve cache miss p50 {f.MissP50Us:N0} µs = **{f.MissOverFloor:F2}x this floor**, " +
                    $"{f.MissOverSelect:F2}x the PK SELECT (issue 7 asks at most 1.50x).");
                if (f.ColdReadP50Us is { } read)
                    s.Append(CultureInfo.InvariantCulture,
                        $" Its Postgres batch alone (in process, no gRPC, no Redis): p50 {read:N0} µs, {read / f.SelectP50Us:F2}x the PK SELECT.");
                s.AppendLine();
            }
            foreach (var f in SubmitFloor.Of(size))
                s.AppendLine().AppendLine(CultureInfo.InvariantCulture,
                    $"Submit floor, c={f.Concurrency}: two durable 20 KB hops (client to A to B over TLS, one insert-and-commit at each, nothing else) " +
                    $"{f.FloorPerSecond:N0}/s = **{f.FloorOverInsert:F2} of the 20 KB insert+commit**; Submit -> DELIVERED {f.SubmitPerSecond:N0}/s = " +
                    $"{f.SubmitOverInsert:F2} of the insert (issue 7 asks at least 0.25), **{f.SubmitOverFloor:F2} of this floor**.");
            var l = size.Load;
            s.AppendLine();
            s.AppendLine(CultureInfo.InvariantCulture,
                $"Load ({l.LoadedAt:yyyy-MM-dd HH:mm} UTC): {l.Entities:N0} entities with {l.IdentifierRows:N0} identifiers in {l.EntitySeconds:F1} s " +
                $"= **{l.EntitiesPerSecond:N0} entities/s** (keys, indexes and foreign keys built); contacts and registrations {l.DirectorySeconds:F1} s; " +
                $"{l.CustomerNumbers:N0} customer entries and numbers {l.CustomerSeconds:F1} s; name search indexes and ANALYZE {l.SearchIndexSeconds:F1} s. " +
                $"Raw binary COPY into one table: {l.RawRowsPerSecond:N0} rows/s; the load's entity and identifier rows/s are {l.LoadRowsPerSecond / l.RawRowsPerSecond:F2} of it " +
                $"(its entities/s {l.EntitiesPerSecond / l.RawRowsPerSecond:F2} of the raw rows/s).");
            if (size.Mirror is { } mirror)
                s.AppendLine(CultureInfo.InvariantCulture,
                    $"Mirror import: {mirror.Lines:N0} lines, first load {mirror.FirstLinesPerSecond:N0} lines/s, same file again {mirror.AgainLinesPerSecond:N0} lines/s.");
        }
        s.AppendLine();
        s.AppendLine("### Targets (issue 7 §4)");
        s.AppendLine();
        s.AppendLine("| target | measured | rounds | required | verdict |");
        s.AppendLine("|---|--:|--:|--:|---|");
        foreach (var t in targets)
            s.AppendLine(CultureInfo.InvariantCulture,
                $"| {t.Name} | {Format(t.Measured, t.Unit)} | {(t.Rounds is var (low, high) ? $"{low:F2} to {high:F2}" : "")} | " +
                $"{(t.HigherIsBetter ? "≥" : "≤")} {Format(t.Required, t.Unit)} | {t.Verdict}{(t.Met == false ? $" ({t.Gap:F1}x off)" : "")} |");
        return s.ToString();
    }

    public static async Task<string> WriteJsonAsync(string directory, BenchOptions options, string machine, IReadOnlyList<SizeResult> sizes, IReadOnlyList<Target> targets)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"bench-{DateTime.UtcNow:yyyyMMdd-HHmmss}{(options.Quick ? "-quick" : "")}.json");
        var report = new
        {
            machine,
            at = DateTimeOffset.UtcNow,
            options = new { options.Quick, options.Sizes, options.Concurrency, warmupSeconds = options.Warmup.TotalSeconds, durationSeconds = options.Duration.TotalSeconds, options.Rounds },
            sizes = sizes.Select(z => new
            {
                z.Label, z.Entities, z.Load,
                loadEntitiesPerSecond = z.Load.EntitiesPerSecond, loadRawRowsPerSecond = z.Load.RawRowsPerSecond,
                measurements = z.Measurements.Select(m => new { m.Scenario, m.Concurrency, m.Calls, m.Errors, m.Seconds, m.PerSecond, m.ItemsPerSecond, m.P50Us, m.P90Us, m.P99Us, m.P999Us, baseline = BaselineOf.Scenario(m.Scenario) }),
                z.Mirror,
                missFloor = MissFloor.Of(z).Select(f => new { f.Concurrency, f.EmptyGrpcP50Us, f.SelectP50Us, f.FloorP50Us, f.MissP50Us, f.MissOverFloor, f.MissOverSelect, f.ColdReadP50Us }),
                submitFloor = SubmitFloor.Of(z).Select(f => new { f.Concurrency, f.InsertPerSecond, f.FloorPerSecond, f.SubmitPerSecond, f.FloorOverInsert, f.SubmitOverInsert, f.SubmitOverFloor }),
            }),
            targets = targets.Select(t => new { t.Name, t.Measured, roundsLowest = t.Rounds?.Lowest, roundsHighest = t.Rounds?.Highest, t.Required, t.HigherIsBetter, t.Met }),
        };
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    private static string Short(string baseline) => baseline.Replace("baseline: ", "", StringComparison.Ordinal);

    private static string Ratio(double? value, double? baseline) => value is { } v && baseline is { } b && b > 0 ? $"{v / b:F2}" : "";

    private static string Format(double? value, string unit) => value switch
    {
        null => "-",
        { } v when unit == "/s" => $"{v:N0}/s",
        { } v => $"{v:F2}",
    };
}
