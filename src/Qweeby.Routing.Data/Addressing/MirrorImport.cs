using Qweeby.Routing.Core.Addressing;
using Qweeby.Routing.Core.Imports;
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
/// in batches, one transaction each, through COPY into a staging table and set-based SQL
/// (<see cref="MirrorBatch"/>). Loading the same file twice changes nothing. Every change invalidates the
/// affected SIRENs' cached lines.
/// </summary>
public sealed class MirrorImport(DirectoryWrite writes)
{
    public const int DefaultBatchSize = 40_000;

    public async Task<MirrorImportReport> LoadAsync(TextReader file, MirrorMode mode, string by, CancellationToken ct,
        int batchSize = DefaultBatchSize, IProgress<int>? progress = null)
    {
        var importId = Guid.NewGuid();
        var report = MirrorImportReport.Empty;
        var rejected = new FirstRejections<RowRejection>((a, b) => a.RowNumber.CompareTo(b.RowNumber));
        var batch = new List<MirrorRow>(batchSize);
        // Postgres and this process work side by side: the next batch is parsed while one stages its rows (COPY) and
        // the one before it writes; the invalidations of committed batches go to the cache meanwhile, and all have
        // arrived when this returns.
        var writing = Applying.None;
        var staging = Applying.None;
        var published = new List<Task>();
        var rowNumber = 0;
        var named = 0;
        // The last row number of the batch writing, and of the batch staging: for progress, counted once written.
        var (writingThrough, stagingThrough) = (0, 0);
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
                {
                    batch.Add(row!);
                    named++;
                }
                if (batch.Count == batchSize)
                {
                    await HandOverAsync();
                    batch = new List<MirrorRow>(batchSize);
                }
            }
            if (batch.Count > 0)
                await HandOverAsync();
            report = report.Add(Collect(await writing.Done, published, rejected));
            report = report.Add(Collect(await staging.Done, published, rejected));
        }
        catch
        {
            // No batch is left running behind a failure, and the committed ones' invalidations have arrived before it
            // is reported; the batches' own failures no longer matter.
            await Task.WhenAll(Task.WhenAny(writing.Done), Task.WhenAny(staging.Done));
            foreach (var done in new[] { writing.Done, staging.Done })
                if (done.IsCompletedSuccessfully)
                    published.Add(done.Result.Published);
            await Task.WhenAll(published);
            if (mode == MirrorMode.Full)
                await ForgetSeenAsync(importId);
            throw;
        }
        // A FULL extract ends the lines it does not name, so it must name every line: one with rejected rows (whose
        // lines it failed to name) or with none at all (a wrong or empty file) ends nothing.
        var unseenKept = mode == MirrorMode.Full && (rejected.Count > 0 || named == 0);
        if (unseenKept)
            await ForgetSeenAsync(importId);
        else if (mode == MirrorMode.Full)
            report = report.Add(await writes.RunAsync((tx, c) => MirrorBatch.EndUnseenAsync(tx, importId, by, c), ct));
        await Task.WhenAll(published);
        progress?.Report(rowNumber);
        return report with { Rejected = rejected.Listed(), RejectedCount = rejected.Count, UnseenKept = unseenKept };

        // At most two batches in flight: the one writing and the one staging beside it.
        async Task HandOverAsync()
        {
            report = report.Add(Collect(await writing.Done, published, rejected));
            progress?.Report(writingThrough);
            await Task.WhenAny(staging.Turn.Locked, staging.Done);
            (writing, staging) = (staging, Start(batch, importId, mode, by, staging, ct));
            (writingThrough, stagingThrough) = (stagingThrough, rowNumber);
        }
    }

    private Applying Start(List<MirrorRow> rows, Guid importId, MirrorMode mode, string by, Applying previous, CancellationToken ct)
    {
        var turn = new BatchTurn(previous.Done);
        var done = writes.RunThenPublishAsync((tx, c) => MirrorBatch.ApplyAsync(tx, rows, mode == MirrorMode.Full ? importId : null, by, turn, c), ct);
        return new Applying(done, turn);
    }

    /// <summary>A batch handed to Postgres: its outcome (report, then its invalidation on its way) and its turn.</summary>
    private sealed record Applying(Task<(MirrorImportReport Report, Task Published)> Done, BatchTurn Turn)
    {
        public static readonly Applying None = new(Task.FromResult((MirrorImportReport.Empty, Task.CompletedTask)), BatchTurn.First);
    }

    /// <summary>
    /// A FULL import that failed never reaches the step that ends unseen lines and forgets what it saw: forget it
    /// here, or a national extract that broke late would leave millions of rows behind it. Best effort (the
    /// failure being reported matters more).
    /// </summary>
    private async Task ForgetSeenAsync(Guid importId)
    {
        try
        {
            await writes.RunAsync((tx, c) => MirrorBatch.ForgetSeenAsync(tx, importId, c), CancellationToken.None);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
        {
            // Postgres is away: the rows stay (unlogged, they do not survive a crash of Postgres either).
        }
    }

    /// <summary>A batch's counts; its rejections go to the import's list.</summary>
    private static MirrorImportReport Collect(
        (MirrorImportReport Report, Task Published) applied, List<Task> published, FirstRejections<RowRejection> rejected)
    {
        published.Add(applied.Published);
        rejected.AddRange(applied.Report.Rejected);
        return applied.Report with { Rejected = [], RejectedCount = 0 };
    }
}
