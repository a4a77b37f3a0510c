namespace Qweeby.Routing.Data.Cache;

/// <summary>One key's answer as shared by every caller of a load in flight; a null value is a miss.</summary>
internal readonly record struct Loaded(object? Value, CacheSource Source);
