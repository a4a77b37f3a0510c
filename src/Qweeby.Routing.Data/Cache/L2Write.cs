namespace Qweeby.Routing.Data.Cache;

/// <summary>
/// A loaded fact to store, with the index of its key in the <see cref="L2Read"/> that preceded the load; null for
/// a fact found alongside, whose generation was never read: it is stored only if no invalidation at all ran since.
/// </summary>
internal readonly record struct L2Write(int? ReadIndex, CacheKey Key, byte[] Payload, TimeSpan Ttl);
