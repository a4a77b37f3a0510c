namespace Qweeby.Routing.Core.Directory;

/// <summary>An entity's registration at a provider. No document types means every type.</summary>
public sealed record ProviderRegistration(string ProviderId, IReadOnlyList<string> DocumentTypes, bool IsDefault)
{
    public bool Accepts(string? documentType) =>
        string.IsNullOrEmpty(documentType) || DocumentTypes.Count == 0 || DocumentTypes.Contains(documentType, StringComparer.Ordinal);
}
