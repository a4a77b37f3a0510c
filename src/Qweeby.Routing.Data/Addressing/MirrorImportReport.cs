using Qweeby.Routing.Core.Addressing;

namespace Qweeby.Routing.Data.Addressing;

/// <summary>
/// What a mirror import did: lines created, changed, ended, left as they were, and rows rejected (an import's
/// report lists the first <see cref="Core.Imports.FirstRejections.Listed"/> and counts them all in
/// <see cref="RejectedCount"/>).
/// </summary>
public sealed record MirrorImportReport(int Created, int Changed, int Ended, int Unchanged, IReadOnlyList<RowRejection> Rejected)
{
    public int RejectedCount { get; init; } = Rejected.Count;

    /// <summary>A FULL extract that ended nothing: it had rejected rows, or no rows (it must name every line).</summary>
    public bool UnseenKept { get; init; }

    public static MirrorImportReport Empty { get; } = new(0, 0, 0, 0, []);

    public MirrorImportReport Add(MirrorImportReport other) => new(
        Created + other.Created, Changed + other.Changed, Ended + other.Ended, Unchanged + other.Unchanged, [.. Rejected, .. other.Rejected])
    {
        RejectedCount = RejectedCount + other.RejectedCount,
    };
}
