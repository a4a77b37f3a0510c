namespace Qweeby.Routing.Core.Directory;

/// <summary>What routing needs to know about one entity: public facts, cached and shared by all senders.</summary>
/// <param name="Identifiers">Normalized "ICD:value" identifiers.</param>
/// <param name="HasAdministratorContact">Without one, the entity is known but refuses e-invoices.</param>
/// <param name="Registrations">Providers it receives through, in registration order.</param>
public sealed record EntityFacts(
    Guid EntityId,
    EntityKind Kind,
    string LegalName,
    string Country,
    bool IsActive,
    IReadOnlyList<string> Identifiers,
    bool HasAdministratorContact,
    DirectoryMode CustomerDirectory,
    DirectoryMode SupplierDirectory,
    IReadOnlyList<ProviderRegistration> Registrations);
