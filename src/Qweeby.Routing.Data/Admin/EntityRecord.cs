using Qweeby.Routing.Core.Directory;

namespace Qweeby.Routing.Data.Admin;

/// <summary>An entity as administrators see it: contacts included.</summary>
public sealed record EntityRecord(
    Guid EntityId, EntityKind Kind, string LegalName, string Country, bool Active, bool MultiAccount,
    DirectoryMode CustomerDirectory, DirectoryMode SupplierDirectory, IReadOnlyList<string> Identifiers,
    IReadOnlyList<ContactRecord> Contacts, IReadOnlyList<ProviderRegistration> Registrations,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
