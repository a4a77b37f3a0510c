using nietras.SeparatedValues;
using Qweeby.Routing.Core.Imports;

namespace Qweeby.Routing.Data.Admin;

/// <summary>
/// Bulk import of entities and their administrator contacts from CSV (README "CSV import format"). Rows are checked
/// one by one here, then applied in batches, one transaction each, through binary COPY into a staging table and
/// set-based SQL (<see cref="EntityImportBatch"/>): identifiers already held and e-mails already used are reported,
/// never duplicated. Valid rows are committed; invalid ones are reported with their line, column and reason.
/// </summary>
public sealed class EntityImport(AdminWrites writes)
{
    public const int DefaultBatchSize = 5_000;

    /// <param name="csv">The file; comma, semicolon or tab separated (detected from the header), quoted fields allowed.</param>
    /// <param name="multiAccount">Contacts may share an e-mail with other entities' contacts.</param>
    /// <exception cref="ImportFormatException">The header is missing or wrong: nothing was written.</exception>
    public async Task<EntityImportReport> LoadAsync(Stream csv, bool multiAccount, string actor, CancellationToken ct, int batchSize = DefaultBatchSize)
    {
        using var reader = await Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true }).FromAsync(csv, ct);
        var columns = ImportColumns.Of(reader.Header);
        var rejected = new FirstRejections<ImportRowRejection>(InFileOrder);
        var batch = new List<ImportRow>(batchSize);
        var rows = 0;
        var created = 0;
        while (await reader.MoveNextAsync(ct))
        {
            if (ReadRow(reader.Current, columns, rejected) is not { } row)
            {
                rows += IsBlank(reader.Current) ? 0 : 1;
                continue;
            }
            rows++;
            batch.Add(row);
            if (batch.Count == batchSize)
            {
                created += await ApplyAsync(batch, multiAccount, actor, rejected, ct);
                batch.Clear();
            }
        }
        if (batch.Count > 0)
            created += await ApplyAsync(batch, multiAccount, actor, rejected, ct);
        return new EntityImportReport(rows, created, rejected.Listed()) { RejectedCount = rejected.Count };
    }

    private static int InFileOrder(ImportRowRejection a, ImportRowRejection b) =>
        a.Row != b.Row ? a.Row.CompareTo(b.Row) : string.CompareOrdinal(a.Field, b.Field);

    private static ImportRow? ReadRow(SepReader.Row row, ImportColumns columns, FirstRejections<ImportRowRejection> rejected)
    {
        if (IsBlank(row))
            return null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var column in ImportColumns.Known)
            values[column] = columns.Get(row, column);
        var problems = new List<ImportRowRejection>();
        var parsed = ImportRowParser.Parse(row.LineNumberFrom, c => values[c], problems);
        rejected.AddRange(problems);
        return parsed;
    }

    private static bool IsBlank(SepReader.Row row)
    {
        for (var i = 0; i < row.ColCount; i++)
            if (!row[i].Span.IsWhiteSpace())
                return false;
        return true;
    }

    private async Task<int> ApplyAsync(
        IReadOnlyList<ImportRow> batch, bool multiAccount, string actor, FirstRejections<ImportRowRejection> rejected, CancellationToken ct)
    {
        var (created, batchRejected) = await writes.RunAsync(actor, (tx, c) => EntityImportBatch.ApplyAsync(tx, batch, multiAccount, c), ct);
        rejected.AddRange(batchRejected);
        return created;
    }
}
