namespace Qweeby.Routing.Core.Addressing;

/// <summary>
/// Picks the most specific line valid at the invoice's date (routing code, SIRET, suffix, SIREN) and
/// says, for every more specific level, why it was not used.
/// </summary>
public static class LineSelection
{
    public static (DirectoryLine? Line, IReadOnlyList<string> Notes) Select(LineTarget target, IReadOnlyList<DirectoryLine> lines, DateTimeOffset at)
    {
        var notes = new List<string>();
        foreach (var granularity in Enum.GetValues<LineGranularity>())
        {
            var candidates = lines.Where(l => l.Granularity == granularity && target.Matches(l)).ToList();
            if (candidates.FirstOrDefault(l => l.IsValidAt(at)) is { } valid)
                return (valid, notes);
            if (!Addresses(target, granularity))
                continue;
            notes.Add(candidates.Count == 0
                ? $"no {granularity} line"
                : $"{granularity} line{(candidates.Count > 1 ? "s" : "")} not valid on {at:yyyy-MM-dd}: {string.Join("; ", candidates.Select(c => c.Describe()))}");
        }
        return (null, notes);
    }

    /// <summary>
    /// The span around <paramref name="at"/> (from inclusive, until exclusive) in which no line starts or ends and
    /// the day shown does not change: there, <see cref="Select"/> gives the same answer for the same lines.
    /// </summary>
    public static (DateTimeOffset From, DateTimeOffset Until) SameChoiceSpan(IReadOnlyList<DirectoryLine> lines, DateTimeOffset at)
    {
        var from = new DateTimeOffset(at.Date, at.Offset);
        var until = from.AddDays(1);
        for (var i = 0; i < lines.Count; i++)
        {
            Narrow(lines[i].ValidFrom, at, ref from, ref until);
            if (lines[i].ValidTo is { } to)
                Narrow(to, at, ref from, ref until);
        }
        return (from, until);
    }

    private static void Narrow(DateTimeOffset boundary, DateTimeOffset at, ref DateTimeOffset from, ref DateTimeOffset until)
    {
        if (boundary <= at)
        {
            if (boundary > from)
                from = boundary;
        }
        else if (boundary < until)
            until = boundary;
    }

    /// <summary>Whether the invoice's address reaches that level at all (a SIREN alone has no SIRET line to miss).</summary>
    private static bool Addresses(LineTarget target, LineGranularity granularity) => granularity switch
    {
        LineGranularity.RoutingCode => target.RoutingCode is not null,
        LineGranularity.Siret => target.Siret is not null,
        LineGranularity.Suffix => target.Suffix is not null,
        _ => true,
    };
}
