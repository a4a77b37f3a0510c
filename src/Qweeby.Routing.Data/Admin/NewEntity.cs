using Qweeby.Routing.Core.Directory;
using Qweeby.Routing.Core.Identifiers;

namespace Qweeby.Routing.Data.Admin;

/// <summary>An entity to create, already validated field by field (the store checks what needs the database).</summary>
public sealed record NewEntity(EntityKind Kind, string LegalName, string Country, IReadOnlyList<PartyId> Identifiers,
    IReadOnlyList<ContactDraft> Contacts, bool MultiAccount);
