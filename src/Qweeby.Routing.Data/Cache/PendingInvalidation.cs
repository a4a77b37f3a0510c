namespace Qweeby.Routing.Data.Cache;

/// <summary>A row of <see cref="CacheInvalidationLog"/>: keys a committed write changed, not yet known to be published.</summary>
public sealed record PendingInvalidation(long Id, IReadOnlyCollection<CacheKey> Keys);
