using Qweeby.Routing.Core.Addressing;

namespace Qweeby.Routing.Data.Addressing;

/// <summary>The cached current lines of one 0225 address.</summary>
public sealed record LineList(IReadOnlyList<DirectoryLine> Lines);
