using Qweeby.Routing.Core.Directory;
using Qweeby.Routing.Core.Identifiers;

namespace Qweeby.Routing.Data.Admin;

/// <summary>An entity update: null members are left as they are.</summary>
public sealed record EntityChanges(string? LegalName, EntityKind? Kind, string? Country, IReadOnlyList<PartyId> AddIdentifiers, IReadOnlyList<PartyId> RemoveIdentifiers);
