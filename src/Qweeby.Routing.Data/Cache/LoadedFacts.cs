namespace Qweeby.Routing.Data.Cache;

/// <summary>
/// What a loader read: a value (null for a miss) per key it was asked for, and facts it found alongside
/// under keys nobody asked for (such as the entity an identifier designates, read in the same round trip).
/// </summary>
public sealed record LoadedFacts(IReadOnlyDictionary<CacheKey, object?> Asked)
{
    public IReadOnlyList<FoundFact> Alongside { get; init; } = [];
}

/// <summary>A fact a loader read without being asked for it.</summary>
public readonly record struct FoundFact(CachedFact Fact, object Value);
