namespace Qweeby.Routing.Core.Addressing;

/// <summary>One version of a line as history shows it: what it was, whether a later version replaced it, who changed it.</summary>
public sealed record DirectoryLineVersion(
    DirectoryLine Line,
    string Change,
    string ChangedBy,
    DateTimeOffset ChangedAt,
    DateTimeOffset? SupersededAt);
