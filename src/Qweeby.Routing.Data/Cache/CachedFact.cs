namespace Qweeby.Routing.Data.Cache;

/// <summary>A fact to read through the cache: its key, and the type its cached value is read back as.</summary>
public readonly record struct CachedFact(CacheKey Key, Type Type);
