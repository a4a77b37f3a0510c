namespace Qweeby.Routing.Core.Addressing;

/// <summary>
/// The checks of one mirror batch against itself, before anything is read from the directory: a line id given
/// twice (the later row is refused, whatever became of the first), and two lines of one address whose validities
/// overlap (the later row is refused, naming the earlier one; a row refused is not held against the rows after it).
/// </summary>
public static class MirrorBatchChecks
{
    public static (List<MirrorRow> Accepted, List<RowRejection> Rejected) Split(IReadOnlyList<MirrorRow> rows)
    {
        var accepted = new List<MirrorRow>(rows.Count);
        var rejected = new List<RowRejection>();
        var lineIds = new HashSet<string>(rows.Count, StringComparer.Ordinal);
        var byAddress = new Dictionary<string, List<MirrorRow>>(rows.Count, StringComparer.Ordinal);
        foreach (var row in InFileOrder(rows))
        {
            if (!lineIds.Add(row.LineId))
            {
                rejected.Add(new RowRejection(row.RowNumber, "line_id", $"line_id {row.LineId} appears earlier in the file"));
                continue;
            }
            var address = row.Address;
            if (!byAddress.TryGetValue(address, out var sameAddress))
                byAddress[address] = sameAddress = [];
            if (FirstOverlapped(sameAddress, row) is { } overlapped)
            {
                rejected.Add(new RowRejection(row.RowNumber, "valid_from", $"overlaps line {overlapped.LineId} of the same address in this file"));
                continue;
            }
            sameAddress.Add(row);
            accepted.Add(row);
        }
        return (accepted, rejected);
    }

    private static MirrorRow? FirstOverlapped(List<MirrorRow> kept, MirrorRow row)
    {
        foreach (var earlier in kept)
            if (Overlap(earlier, row))
                return earlier;
        return null;
    }

    // A file's rows come in order; a sort is for callers that gathered them otherwise.
    private static IEnumerable<MirrorRow> InFileOrder(IReadOnlyList<MirrorRow> rows)
    {
        for (var i = 1; i < rows.Count; i++)
            if (rows[i].RowNumber < rows[i - 1].RowNumber)
                return rows.OrderBy(r => r.RowNumber);
        return rows;
    }

    /// <summary>Whether two validities, each from its start (inclusive) to its end (exclusive, open when null), share an instant.</summary>
    public static bool Overlap(MirrorRow a, MirrorRow b) =>
        (b.ValidTo is null || a.ValidFrom < b.ValidTo) && (a.ValidTo is null || b.ValidFrom < a.ValidTo);
}
