using System.Text.Json.Serialization;
using Qweeby.Routing.Core.Directory;

namespace Qweeby.Routing.Data.Directory;

/// <summary>Every service provider, cached as one value: the table is small and read on every resolution.</summary>
public sealed record ProviderList(IReadOnlyList<ProviderFacts> Providers)
{
    private IReadOnlyDictionary<string, ProviderFacts>? _byId;

    public static ProviderList None { get; } = new([]);

    /// <summary>By id, built once per list: one cached list gives one dictionary (the decision memo compares it by reference).</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, ProviderFacts> ById => _byId ??= Providers.ToDictionary(p => p.ProviderId);
}
