using Qweeby.Routing.Core.Addressing;

namespace Qweeby.Routing.Data.Addressing;

/// <summary>A new or changed line would overlap a current line at the same address.</summary>
public sealed class LineConflictException(DirectoryLine conflicting)
    : Exception($"Overlaps {conflicting.Describe()}.")
{
    public DirectoryLine Conflicting { get; } = conflicting;
}
