namespace Qweeby.Routing.Data.Cache;

/// <summary>A loaded fact to store, with the index of its key in the <see cref="L2Read"/> that preceded the load.</summary>
internal readonly record struct L2Write(int ReadIndex, CacheKey Key, byte[] Payload, TimeSpan Ttl);
