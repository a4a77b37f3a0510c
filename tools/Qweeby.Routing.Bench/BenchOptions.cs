using System.Globalization;

namespace Qweeby.Routing.Bench;

/// <summary>The command line. Everything has a default: <c>qweeby-bench</c> alone runs the full benchmark.</summary>
public sealed record BenchOptions
{
    public const string Usage = """
        qweeby-bench [--quick] [--sizes 10k,5m] [--concurrency 1,32] [--warmup S] [--duration S] [--rounds N]
                     [--reload] [--postgres CONNSTR] [--redis CONFIG] [--out DIR] [--database-prefix NAME]
                     [--mirror-lines N] [--drop] [--load-only] [--only TEXT] [--spans]

          --quick            smoke run: 1,000 entities, concurrency 1 and 4, short windows, databases dropped afterwards
          --sizes            directory sizes (k = thousand, m = million); each has its database, loaded once and reused
          --rounds           repeat every measurement and report the median of each figure (default 3)
          --reload           load the databases again even when a complete one exists
          --load-only        load (or check) the databases and stop
          --spans            after each measurement, the hosts' spans (gRPC, Npgsql, Redis) by count and mean duration
          --only             measure only the scenarios and baselines whose name contains TEXT (comma: any of several)
          --postgres         an administrative connection (the databases are created beside it);
                             default $QWEEBY_TEST_POSTGRES, else the local deps (port 5433)
          --redis            default $QWEEBY_TEST_REDIS, else 127.0.0.1:6380
          --out              where the JSON report goes (default bench-results)
        """;

    public bool Quick { get; init; }
    public IReadOnlyList<long> Sizes { get; init; } = [10_000, 5_000_000];
    public IReadOnlyList<int> Concurrency { get; init; } = [1, 32];
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>Three: the machine is shared, so each figure is the median of three interleaved measurements.</summary>
    public int Rounds { get; init; } = 3;
    public bool Reload { get; init; }
    public bool Drop { get; init; }
    public bool LoadOnly { get; init; }
    public string? Only { get; init; }
    public bool Spans { get; init; }
    public int MirrorLines { get; init; } = 200_000;
    public string DatabasePrefix { get; init; } = "qweeby_bench";
    public string Out { get; init; } = "bench-results";
    public string Postgres { get; init; } = Environment.GetEnvironmentVariable("QWEEBY_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=5433;Database=postgres;Username=qweeby;Password=qweeby";
    public string Redis { get; init; } = Environment.GetEnvironmentVariable("QWEEBY_TEST_REDIS") ?? "127.0.0.1:6380";

    public static BenchOptions Quick1K(BenchOptions o) => o with
    {
        Quick = true,
        Sizes = [1_000],
        Concurrency = [1, 4],
        Warmup = TimeSpan.FromSeconds(0.05),
        Duration = TimeSpan.FromSeconds(0.2),
        Rounds = 1,
        MirrorLines = 2_000,
        Reload = true,
        Drop = true,
        DatabasePrefix = o.DatabasePrefix == "qweeby_bench" ? "qweeby_bench_quick" : o.DatabasePrefix,
    };

    /// <summary>Null with a message for anything it does not understand.</summary>
    public static (BenchOptions? Options, string? Error) Parse(string[] args)
    {
        var o = new BenchOptions();
        var quick = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value");
            try
            {
                switch (args[i])
                {
                    case "--quick": quick = true; break;
                    case "--sizes": o = o with { Sizes = Next().Split(',').Select(ParseSize).ToArray() }; break;
                    case "--concurrency": o = o with { Concurrency = Next().Split(',').Select(int.Parse).ToArray() }; break;
                    case "--warmup": o = o with { Warmup = Seconds(Next()) }; break;
                    case "--duration": o = o with { Duration = Seconds(Next()) }; break;
                    case "--rounds": o = o with { Rounds = AtLeastOne(Next()) }; break;
                    case "--reload": o = o with { Reload = true }; break;
                    case "--drop": o = o with { Drop = true }; break;
                    case "--load-only": o = o with { LoadOnly = true }; break;
                    case "--only": o = o with { Only = Next() }; break;
                    case "--spans": o = o with { Spans = true }; break;
                    case "--mirror-lines": o = o with { MirrorLines = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                    case "--postgres": o = o with { Postgres = Next() }; break;
                    case "--redis": o = o with { Redis = Next() }; break;
                    case "--out": o = o with { Out = Next() }; break;
                    case "--database-prefix": o = o with { DatabasePrefix = Next() }; break;
                    default: return (null, $"unknown argument '{args[i]}'");
                }
            }
            catch (FormatException e)
            {
                return (null, e.Message);
            }
        }
        return (quick ? Quick1K(o) : o, null);
    }

    private static int AtLeastOne(string text) =>
        int.TryParse(text, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : throw new FormatException($"--rounds needs a whole number of 1 or more, not '{text}'");

    public static string Label(long size) => size switch
    {
        >= 1_000_000 when size % 1_000_000 == 0 => $"{size / 1_000_000}m",
        >= 1_000 when size % 1_000 == 0 => $"{size / 1_000}k",
        _ => size.ToString(CultureInfo.InvariantCulture),
    };

    private static long ParseSize(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        var factor = t.EndsWith('m') ? 1_000_000 : t.EndsWith('k') ? 1_000 : 1;
        var size = long.Parse(factor == 1 ? t : t[..^1], CultureInfo.InvariantCulture) * factor;
        return size >= 200 ? size : throw new FormatException("a directory needs at least 200 entities (100 are suppliers)");
    }

    private static TimeSpan Seconds(string text) => TimeSpan.FromSeconds(double.Parse(text, CultureInfo.InvariantCulture));
}
