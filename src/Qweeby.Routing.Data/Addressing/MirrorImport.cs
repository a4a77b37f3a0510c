using Qweeby.Routing.Core.Addressing;
using Qweeby.Routing.Data.Cache;

namespace Qweeby.Routing.Data.Addressing;

public enum MirrorMode
{
    /// <summary>Lines in the file are created or changed; others are left alone.</summary>
    Delta,
    /// <summary>As <see cref="Delta"/>, and current lines absent from the file end when the import completes.</summary>
    Full,
}

/// <summary>
/// Loads a central-directory extract (<see cref="MirrorFile"/> format): rows are validated here, then applied
/// in batches, one transaction each, through binary COPY into a staging table and set-based SQL
/// (<see cref="MirrorBatch"/>). Loading the same file twice changes nothing. Every change invalidates the
/// affected SIRENs' cached lines.
/// </summary>
public sealed class MirrorImport(DirectoryWrite writes)
{
    public const int DefaultBatchSize = 20_000;

    public async Task<MirrorImportReport> LoadAsync(TextReader file, MirrorMode mode, string by, CancellationToken ct,
        int batchSize = DefaultBatchSize, IProgress<int>? progress = null)
    {
        var importId = Guid.NewGuid();
        var report = MirrorImportReport.Empty;
        var rejected = new List<RowRejection>();
        var batch = new List<MirrorRow>(batchSize);
        // The batch being applied while the next one is parsed, so Postgres and this process work side by side; the
        // invalidations of committed batches go to the cache meanwhile, and all have arrived when this returns.
        var applying = Task.FromResult((MirrorImportReport.Empty, Task.CompletedTask));
        var published = new List<Task>();
        var rowNumber = 0;
        var handedOver = 0;
        try
        {
            string? text;
            while ((text = await file.ReadLineAsync(ct)) is not null)
            {
                rowNumber++;
                if (text.Length == 0 || rowNumber == 1 && MirrorFile.IsHeader(text))
                    continue;
                var (row, rejection) = MirrorFile.ParseRow(text, rowNumber);
                if (rejection is not null)
                    rejected.Add(rejection);
                else
                    batch.Add(row!);
                if (batch.Count == batchSize)
                {
                    report = report.Add(Collect(await applying, published));
                    progress?.Report(handedOver);
                    applying = ApplyAsync(batch, importId, mode, by, ct);
                    handedOver = rowNumber;
                    batch = new List<MirrorRow>(batchSize);
                }
            }
        }
        catch
        {
            // No batch is left running behind a failure; its own outcome no longer matters.
            await Task.WhenAny(applying);
            throw;
        }
        report = report.Add(Collect(await applying, published));
        if (batch.Count > 0)
            report = report.Add(Collect(await ApplyAsync(batch, importId, mode, by, ct), published));
        if (mode == MirrorMode.Full)
            report = report.Add(await writes.RunAsync((tx, c) => MirrorBatch.EndUnseenAsync(tx, importId, by, c), ct));
        await Task.WhenAll(published);
        progress?.Report(rowNumber);
        return report with { Rejected = [.. rejected.Concat(report.Rejected).OrderBy(r => r.RowNumber)] };
    }

    private Task<(MirrorImportReport, Task)> ApplyAsync(IReadOnlyList<MirrorRow> rows, Guid importId, MirrorMode mode, string by, CancellationToken ct) =>
        writes.RunThenPublishAsync((tx, c) => MirrorBatch.ApplyAsync(tx, rows, mode == MirrorMode.Full ? importId : null, by, c), ct);

    private static MirrorImportReport Collect((MirrorImportReport Report, Task Published) applied, List<Task> published)
    {
        published.Add(applied.Published);
        return applied.Report;
    }
}
