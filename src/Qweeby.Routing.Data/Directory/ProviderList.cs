using Qweeby.Routing.Core.Directory;

namespace Qweeby.Routing.Data.Directory;

/// <summary>Every service provider, cached as one value: the table is small and read on every resolution.</summary>
public sealed record ProviderList(IReadOnlyList<ProviderFacts> Providers);
