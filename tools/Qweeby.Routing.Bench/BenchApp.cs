using Npgsql;
using Qweeby.Routing.Admin;
using Qweeby.Routing.Bench.Generation;
using Qweeby.Routing.Bench.Hosts;
using Qweeby.Routing.Bench.Load;
using Qweeby.Routing.Bench.Report;
using Qweeby.Routing.Bench.Scenarios;
using Qweeby.Routing.Hosting;
using Qweeby.Routing.Server;
using StackExchange.Redis;

namespace Qweeby.Routing.Bench;

/// <summary>
/// The benchmark: per directory size, load (or reuse) the database, start the hosts in this process, measure the
/// baselines and scenarios at each concurrency (interleaved, so that each scenario runs next to its baseline),
/// then print the table with ratios and targets and write the JSON.
/// </summary>
public static class BenchApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        if (args is ["--help"] or ["-h"])
        {
            await output.WriteLineAsync(BenchOptions.Usage);
            return 0;
        }
        var (options, error) = BenchOptions.Parse(args);
        if (options is null)
        {
            await output.WriteLineAsync($"qweeby-bench: {error}\n{BenchOptions.Usage}");
            return 2;
        }
        void Log(string line)
        {
            lock (output)
                output.WriteLine(line);
        }

        var machine = $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
        var runId = Guid.NewGuid().ToString("N")[..8];
        // The run's Redis keys are under bench-{run}-{size}, deleted as each size ends.
        Log($"qweeby-bench run {runId} on {machine}; load average {LoadAverage()}");
        var results = new List<SizeResult>();
        foreach (var size in options.Sizes)
        {
            var label = BenchOptions.Label(size);
            var database = $"{options.DatabasePrefix}_{label}";
            if (options.LoadOnly)
            {
                await BenchDatabase.PrepareAsync(options.Postgres, database, size, options.Reload, settleJit: !options.Quick, Log, ct);
                continue;
            }
            var prefix = $"bench-{runId}-{label}";
            try
            {
                results.Add(await RunSizeAsync(options, size, label, database, prefix, mirror: size == options.Sizes[0], Log, ct));
            }
            finally
            {
                // After the size's hosts are gone: none of them writes again.
                await ForgetKeysAsync(options.Redis, prefix);
                if (options.Drop)
                {
                    await BenchDatabase.DropAsync(options.Postgres, database, ct);
                    await BenchDatabase.DropAsync(options.Postgres, $"{database}_peer", ct);
                }
            }
        }

        if (options.LoadOnly)
            return 0;
        var high = options.Concurrency.Max();
        var targets = Targets.Evaluate(results, high);
        var table = ReportWriter.Table(results, targets, machine);
        Log("");
        Log(table);
        var path = await ReportWriter.WriteJsonAsync(options.Out, options, machine, results, targets);
        Log($"JSON: {path}");
        return results.SelectMany(r => r.Measurements).Any(m => m.Calls == 0) ? 1 : 0;
    }

    private static async Task<SizeResult> RunSizeAsync(
        BenchOptions options, long entities, string label, string database, string prefix, bool mirror, Action<string> log, CancellationToken ct)
    {
        var load = await BenchDatabase.PrepareAsync(options.Postgres, database, entities, options.Reload, settleJit: !options.Quick, log, ct);
        var settings = new BenchSettings(BenchDatabase.Connection(options.Postgres, database), options.Redis);
        // The hosts' connection string and Npgsql settings (auto-prepare too): the raw baselines run with the same client settings.
        await using var db = NpgsqlDataSource.Create(StorageRegistration.WithPoolDefaults(settings.Postgres));
        var auth = await BenchCredentials.IssueAsync(db, ct);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options.Redis);

        await using var cached = await BenchHost.StartAsync(RoutingHost.Build, settings, prefix);
        await using var l2Only = await BenchHost.StartAsync(RoutingHost.Build, settings, prefix + "-l2", "--Cache:L1Ttl=00:00:00.001");
        // Cache:ProvidersL1Ttl left as it is: the provider list, the same for every entity, stays in memory as on any host.
        await using var cold = await BenchHost.StartAsync(RoutingHost.Build, settings, prefix + "-cold",
            "--Cache:L1Ttl=00:00:00.001", "--Cache:L2Ttl=00:00:00.001", "--Cache:MissTtl=00:00:00.001");
        log($"{label}: hosts up (cached {cached.Address}, L2 only {l2Only.Address}, cold {cold.Address}); load average {LoadAverage()}");

        bool Wanted(string step) => options.Only is null
            || options.Only.Split(',').Any(part => step.Contains(part, StringComparison.OrdinalIgnoreCase));
        // Only when measured: starting it creates B's database, and CREATE DATABASE forces a checkpoint of the whole cluster.
        await using var submit = Wanted(SubmitScenario.Name)
            ? await SubmitScenario.StartAsync(settings, options.Postgres, $"{database}_peer", entities, prefix, auth, ct)
            : null;
        await using var relayFloor = Wanted(RelayFloorScenario.Name)
            ? await RelayFloorScenario.StartAsync(StorageRegistration.WithPoolDefaults(settings.Postgres))
            : null;
        var baselines = new Baselines(cached, auth, db, redis, entities);
        var directory = new DirectoryScenarios(cached, l2Only, cold, auth, entities);
        var coldRead = new ColdReadScenario(db, entities);
        await directory.PrimeAsync();
        var runner = new LoadRunner(options.Warmup, options.Duration, log, settleJit: !options.Quick);
        // Each scenario right after its baseline, so that both see the same machine.
        (string Name, Func<LoadRunner, int, Task<Measurement>> Measure)[] steps =
        [
            (Baselines.EmptyGrpc, baselines.EmptyGrpcAsync),
            (DirectoryScenarios.ResolveHit, directory.ResolveHitAsync),
            (DirectoryScenarios.ResolveCustomerNumber, directory.ResolveCustomerNumberAsync),
            (DirectoryScenarios.ResolveBatch, directory.ResolveBatchAsync),
            (Baselines.RedisGet, (r, c) => baselines.RedisGetAsync(r, c, prefix)),
            (DirectoryScenarios.ResolveL2, directory.ResolveL2Async),
            (Baselines.PrimaryKeySelect, baselines.PrimaryKeySelectAsync),
            (DirectoryScenarios.ResolveMiss, directory.ResolveMissAsync),
            (ColdReadScenario.Name, coldRead.RunAsync),
            (DirectoryScenarios.SearchByName, directory.SearchByNameAsync),
            (Baselines.Insert20K, baselines.Insert20KAsync),
            (RelayFloorScenario.Name, (r, c) => relayFloor!.RunAsync(r, c)),
            (SubmitScenario.Name, (r, c) => submit!.RunAsync(r, c)),
        ];
        var wanted = steps.Where(s => Wanted(s.Name)).ToList();

        // First, on a quiet database: measured after Submit and its floor, it met their autovacuum and checkpoints
        // (94,971 lines/s in a full run, 112,591 alone a few minutes later).
        MirrorScenario.Result? mirrorResult = null;
        if (mirror && Wanted("mirror"))
        {
            await using var admin = await BenchHost.StartAsync(AdminHost.Build, settings, prefix + "-admin");
            mirrorResult = await new MirrorScenario(admin, db, log).RunAsync(options.MirrorLines, options.Rounds, settleJit: !options.Quick, ct);
        }

        // Every step once, unrecorded, before anything is measured: the first scenario measured after start-up
        // otherwise pays for JIT tiering the later ones no longer see (WhoAmI measured first came out slower than Resolve).
        var warming = new LoadRunner(TimeSpan.Zero, options.Warmup, _ => { });
        foreach (var c in options.Concurrency)
            foreach (var (_, measure) in wanted)
                await measure(warming, c);

        using var spans = options.Spans ? new SpanTally() : null;
        var rounds = new List<List<Measurement>>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            if (options.Rounds > 1)
                log($"{label}: round {round} of {options.Rounds}");
            var measured = new List<Measurement>();
            foreach (var c in options.Concurrency)
                foreach (var (_, measure) in wanted)
                {
                    spans?.Reset();
                    measured.Add(await measure(runner, c));
                    foreach (var line in spans?.Report() ?? [])
                        log(line);
                }
            rounds.Add(measured);
        }

        return new SizeResult(label, entities, load, Median(rounds), mirrorResult) { Rounds = rounds };
    }

    /// <summary>
    /// Deletes the size's keys (every host's prefix is the size's, or it followed by '-'): each run has its own
    /// prefix, so nothing reuses them; left there, runs had grown the bench's Redis to millions of keys and made
    /// Redis's share of the later runs vary.
    /// </summary>
    private static async Task ForgetKeysAsync(string redisConfiguration, string prefix)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(redisConfiguration);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var batch = new List<RedisKey>(1_000);
        foreach (var pattern in new[] { $"{prefix}:*", $"{prefix}-*" })
        {
            await foreach (var key in server.KeysAsync(pattern: pattern, pageSize: 1_000))
            {
                batch.Add(key);
                if (batch.Count == 1_000)
                    await DeleteAsync();
            }
            await DeleteAsync();
        }

        async Task DeleteAsync()
        {
            if (batch.Count > 0)
                await redis.GetDatabase().KeyDeleteAsync([.. batch]);
            batch.Clear();
        }
    }

    /// <summary>Each figure's median over the rounds, scenario by scenario.</summary>
    private static List<Measurement> Median(List<List<Measurement>> rounds) =>
        rounds[0].Select((first, i) =>
        {
            var all = rounds.Select(r => r[i]).ToList();
            double M(Func<Measurement, double> f) => MedianOf(all.Select(f));
            var seconds = M(m => m.Seconds);
            return first with
            {
                Calls = (long)Math.Round(M(m => m.PerSecond) * seconds),
                Seconds = seconds,
                Errors = (long)M(m => m.Errors),
                P50Us = M(m => m.P50Us),
                P90Us = M(m => m.P90Us),
                P99Us = M(m => m.P99Us),
                P999Us = M(m => m.P999Us),
            };
        }).ToList();

    private static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
