namespace Qweeby.Routing.Core.Imports;

/// <summary>
/// The rejected rows of a bulk import as its report gives them: every one is counted, the first
/// <see cref="FirstRejections.Listed"/> in file order are listed. A wrong file can reject millions of rows; the
/// reply (gRPC messages are bounded) and the host's memory stay small whatever the file. Rejections may arrive out
/// of file order (a batch's checks run after the next rows were parsed), so the list is kept by row.
/// </summary>
public sealed class FirstRejections<T>(Comparison<T> fileOrder)
{
    // With its arrival: rejections of one row and field (several bad identifiers) keep the order they came in.
    private List<(T Rejection, int Arrival)> _listed = [];

    public int Count { get; private set; }

    public void Add(T rejection)
    {
        _listed.Add((rejection, Count++));
        if (_listed.Count >= 2 * FirstRejections.Listed)
            Trim();
    }

    public void AddRange(IEnumerable<T> rejections)
    {
        foreach (var rejection in rejections)
            Add(rejection);
    }

    /// <summary>The first <see cref="FirstRejections.Listed"/> rejections, in file order.</summary>
    public IReadOnlyList<T> Listed()
    {
        Trim();
        return [.. _listed.Select(l => l.Rejection)];
    }

    private void Trim()
    {
        _listed.Sort((a, b) => fileOrder(a.Rejection, b.Rejection) is var byRow and not 0 ? byRow : a.Arrival.CompareTo(b.Arrival));
        if (_listed.Count > FirstRejections.Listed)
            _listed = _listed[..FirstRejections.Listed];
    }
}

public static class FirstRejections
{
    /// <summary>How many rejected rows a report lists (all are counted).</summary>
    public const int Listed = 1_000;
}
