using Qweeby.Routing.Core.Addressing;
using Qweeby.Routing.Core.Directory;

namespace Qweeby.Routing.Data.Directory;

/// <summary>
/// What <see cref="DirectoryFactsStore.FindOwnersWithFactsAsync"/> read in one round trip: owners by "ICD:value",
/// those owners' facts, and the current lines at each address asked for (null when none was).
/// </summary>
public sealed record OwnersWithFacts(
    IReadOnlyDictionary<string, Guid> Owners,
    IReadOnlyDictionary<Guid, EntityFacts> Entities,
    IReadOnlyDictionary<string, IReadOnlyList<DirectoryLine>>? Lines);
