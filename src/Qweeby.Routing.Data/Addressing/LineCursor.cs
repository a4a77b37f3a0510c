namespace Qweeby.Routing.Data.Addressing;

/// <summary>A line at one address: where <see cref="DirectoryLineReader.PageAsync"/> continues paging a SIREN's lines.</summary>
public readonly record struct LineCursor(string Address, string LineId);
