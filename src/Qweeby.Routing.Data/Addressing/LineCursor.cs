using Qweeby.Routing.Core.Addressing;
using Qweeby.Routing.Core.Identifiers;

namespace Qweeby.Routing.Data.Addressing;

/// <summary>A line at one address: where <see cref="DirectoryLineReader.PageAsync"/> continues paging a SIREN's lines.</summary>
public readonly record struct LineCursor(string Address, string LineId)
{
    /// <summary>As a page token carries it.</summary>
    public string Text => $"{Address}\n{LineId}";

    /// <summary>
    /// The cursor a page token carried, or null when it is not one: a token's hash is no secret, so what it carries is
    /// checked as any address and line id would be before it reaches a query.
    /// </summary>
    public static LineCursor? Parse(string text) =>
        text.Split('\n', 2) is [var address, var lineId]
        && PartyId.TryParse("0225:" + address, out _, out _) && MirrorFile.LineIdProblem(lineId) is null
            ? new LineCursor(address, lineId)
            : null;
}
