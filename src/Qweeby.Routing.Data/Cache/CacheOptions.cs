namespace Qweeby.Routing.Data.Cache;

/// <summary>The <c>Cache</c> section: the directory cache's Redis namespace, lifetimes and bounds.</summary>
public sealed class CacheOptions
{
    public const string Section = "Cache";

    /// <summary>
    /// The least a Redis call may wait before it fails (StackExchange.Redis <c>asyncTimeout</c>, 5 s by default): a host
    /// notices a hung Redis within 3.5 s (a heartbeat every second, unanswered for 2.5 s), and a write's invalidation,
    /// which returns only once Redis has taken it or the call has failed, must take longer than that.
    /// </summary>
    public static readonly TimeSpan MinRedisCallTimeout = TimeSpan.FromSeconds(4);

    /// <summary>Prefix of every Redis key and of the invalidation channel (<c>{prefix}:invalidate</c>).</summary>
    public string KeyPrefix { get; set; } = "qr";

    /// <summary>How long a host keeps a fact in memory (invalidations drop it sooner).</summary>
    public TimeSpan L1Ttl { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a host keeps the provider list in memory (invalidations drop it sooner): every resolution reads it,
    /// whatever the entity, so it is worth keeping even where entity facts are not.
    /// </summary>
    public TimeSpan ProvidersL1Ttl { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long Redis keeps a fact (invalidations drop it sooner).</summary>
    public TimeSpan L2Ttl { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a cached miss (the loader's null) lives, in both layers.</summary>
    public TimeSpan MissTtl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Bound of the in-memory layer; beyond it new entries are refused until a compaction.</summary>
    public int L1MaxEntries { get; set; } = 200_000;

    /// <summary>
    /// A committed invalidation still pending after this long is published by the relay (a writer
    /// normally publishes its own at once); the relay also looks this often.
    /// </summary>
    public TimeSpan RelayAfter { get; set; } = TimeSpan.FromSeconds(5);
}
