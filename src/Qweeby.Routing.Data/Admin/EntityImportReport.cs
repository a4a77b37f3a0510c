namespace Qweeby.Routing.Data.Admin;

/// <summary>What an import did: data rows read, entities created, rows left out (by row, then field).</summary>
public sealed record EntityImportReport(int Rows, int Created, IReadOnlyList<ImportRowRejection> Rejected);
