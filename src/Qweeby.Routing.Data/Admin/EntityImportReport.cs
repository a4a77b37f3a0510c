namespace Qweeby.Routing.Data.Admin;

/// <summary>
/// What an import did: data rows read, entities created, rows left out (by row, then field: the first
/// <see cref="Core.Imports.FirstRejections.Listed"/>, all of them counted in <see cref="RejectedCount"/>).
/// </summary>
public sealed record EntityImportReport(int Rows, int Created, IReadOnlyList<ImportRowRejection> Rejected)
{
    public int RejectedCount { get; init; } = Rejected.Count;
}
