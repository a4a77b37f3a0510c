namespace Qweeby.Routing.Core.Directory;

/// <summary>An access point (or other channel) that receives invoices for its customers.</summary>
public sealed record ProviderFacts(string ProviderId, string Name, string Endpoint, Channel Channel, bool IsActive);
