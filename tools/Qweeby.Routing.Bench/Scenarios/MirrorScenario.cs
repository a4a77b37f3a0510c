using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Qweeby.Routing.Bench.Generation;
using Qweeby.Routing.Bench.Hosts;
using Qweeby.Routing.Bench.Load;
using Qweeby.Routing.Data.Addressing;

namespace Qweeby.Routing.Bench.Scenarios;

/// <summary>
/// Issue 9's mirror import rate: a full extract of French directory lines (SIREN and SIRET lines of synthetic
/// companies, in the documented CSV format) loaded through the admin host's <see cref="MirrorImport"/>, then the
/// same file again (which must change nothing).
/// </summary>
public sealed class MirrorScenario(BenchHost admin, NpgsqlDataSource db, Action<string> log)
{
    public sealed record Result(int Lines, double FirstSeconds, double AgainSeconds, int Created, int Unchanged, int Rejected)
    {
        public double FirstLinesPerSecond => Lines / FirstSeconds;
        public double AgainLinesPerSecond => Lines / AgainSeconds;
    }

    /// <summary>Once unrecorded, then <paramref name="rounds"/> times; each figure is the median of the rounds.</summary>
    public async Task<Result> RunAsync(int lines, int rounds, bool settleJit, CancellationToken ct)
    {
        var import = admin.Services.GetRequiredService<MirrorImport>();
        var file = Extract(lines);
        // Unrecorded, as every other step is run once before it is measured (BenchApp): both loads of the same file.
        await LoadTwiceAsync(import, file, lines, ct);
        var measured = new List<Result>();
        for (var round = 0; round < rounds; round++)
        {
            // Tiered compilation defers its work while code keeps starting: right after the hosts start, a third of
            // this process's CPU during the first measured load went to the JIT.
            if (settleJit && !await JitSettling.WaitAsync(TimeSpan.FromSeconds(20), ct))
                log("  mirror import: the JIT was still compiling after 20 s; measuring anyway");
            measured.Add(await LoadTwiceAsync(import, file, lines, ct));
        }
        return measured.OrderBy(r => r.FirstSeconds).ElementAt(rounds / 2) with
        {
            AgainSeconds = measured.Select(r => r.AgainSeconds).Order().ElementAt(rounds / 2),
        };
    }

    /// <summary>Into empty tables, then the same file again.</summary>
    private async Task<Result> LoadTwiceAsync(MirrorImport import, string file, int lines, CancellationToken ct)
    {
        await ClearAsync(ct);
        var (first, firstSeconds, firstCpu) = await TimedAsync(() => import.LoadAsync(new StringReader(file), MirrorMode.Delta, "bench", ct));
        var (again, againSeconds, againCpu) = await TimedAsync(() => import.LoadAsync(new StringReader(file), MirrorMode.Delta, "bench", ct));
        var result = new Result(lines, firstSeconds, againSeconds, first.Created, again.Unchanged, first.RejectedCount + again.RejectedCount);
        log($"  mirror import: {lines:N0} lines, first load {result.FirstLinesPerSecond:N0} lines/s ({first.Created:N0} created, " +
            $"bench CPU {firstCpu.TotalMicroseconds / lines:N1} us/line), again {result.AgainLinesPerSecond:N0} lines/s " +
            $"({again.Unchanged:N0} unchanged, {againCpu.TotalMicroseconds / lines:N1} us/line), {result.Rejected} rejected");
        if (result.Rejected > 0)
            log($"    first rejection: {first.Rejected.Concat(again.Rejected).First()}");
        return result;
    }

    private static async Task<(T Outcome, double Seconds, TimeSpan Cpu)> TimedAsync<T>(Func<Task<T>> work)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var outcome = await work();
        return (outcome, clock.Elapsed.TotalSeconds, Process.GetCurrentProcess().TotalProcessorTime - cpu);
    }

    private async Task ClearAsync(CancellationToken ct)
    {
        await using var clear = db.CreateCommand("TRUNCATE directory_line, line_import_seen");
        await clear.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Half SIREN lines, half SIRET lines of the same companies, valid from 2026-09-01, open-ended.</summary>
    private static string Extract(int lines)
    {
        var csv = new StringBuilder(lines * 64);
        csv.AppendLine("line_id,siren,siret,routing_code,suffix,platform_id,valid_from,valid_to");
        for (var n = 0; n < lines; n++)
        {
            var company = n / 2;
            var siret = n % 2 == 1 ? SyntheticIds.Siret(company) : "";
            csv.Append("L-BENCH-").Append(n).Append(',').Append(SyntheticIds.Siren(company)).Append(',').Append(siret)
               .Append(",,,").Append(DirectoryGenerator.ProviderId(company)).AppendLine(",2026-09-01,");
        }
        return csv.ToString();
    }
}
