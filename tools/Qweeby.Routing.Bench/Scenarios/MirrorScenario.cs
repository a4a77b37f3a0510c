using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Qweeby.Routing.Bench.Generation;
using Qweeby.Routing.Bench.Hosts;
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

    private const int WarmUpLines = 2 * MirrorImport.DefaultBatchSize;

    public async Task<Result> RunAsync(int lines, CancellationToken ct)
    {
        var import = admin.Services.GetRequiredService<MirrorImport>();
        // Unrecorded, as every other step is warmed up (BenchApp): a smaller extract, so the measured loads do not pay for JIT tiering.
        await ClearAsync(ct);
        await import.LoadAsync(new StringReader(Extract(Math.Min(lines, WarmUpLines))), MirrorMode.Delta, "bench", ct);
        await ClearAsync(ct);
        var file = Extract(lines);

        var clock = Stopwatch.StartNew();
        var first = await import.LoadAsync(new StringReader(file), MirrorMode.Delta, "bench", ct);
        var firstSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var again = await import.LoadAsync(new StringReader(file), MirrorMode.Delta, "bench", ct);
        var againSeconds = clock.Elapsed.TotalSeconds;

        var result = new Result(lines, firstSeconds, againSeconds, first.Created, again.Unchanged, first.Rejected.Count + again.Rejected.Count);
        log($"  mirror import: {lines:N0} lines, first load {result.FirstLinesPerSecond:N0} lines/s ({first.Created:N0} created), " +
            $"again {result.AgainLinesPerSecond:N0} lines/s ({again.Unchanged:N0} unchanged), {result.Rejected} rejected");
        if (result.Rejected > 0)
            log($"    first rejection: {first.Rejected.Concat(again.Rejected).First()}");
        return result;
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
