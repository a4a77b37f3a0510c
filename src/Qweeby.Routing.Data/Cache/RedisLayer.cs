using StackExchange.Redis;

namespace Qweeby.Routing.Data.Cache;

/// <summary>
/// The Redis layer (L2): reads values with their generations, stores only where no invalidation ran since
/// the read, and invalidates (delete, bump the generation, publish) in one script. Redis errors propagate.
/// Multi-key commands assume one Redis (or Sentinel); Redis Cluster would need them split by hash slot.
/// </summary>
internal sealed class RedisLayer(IConnectionMultiplexer redis, RedisKeyspace keyspace)
{
    // The instance token lapses after a day (a lapse only refuses the stores of loads running across it).
    private const int TokenTtlSeconds = 86_400;

    // KEYS: the invalidation count, the values (ARGV[3] of them), then their generations, each once. ARGV: the
    // channel, the message. Values go by DEL of up to 1,000 keys at a time (Lua's unpack has a bounded stack).
    // Generations never expire: there are at most RedisKeyspace.GenerationBuckets of them, and one that lapsed and
    // counted again from 1 during a load could let that load store over an invalidation.
    private const string InvalidateScript = """
        redis.call('INCR', KEYS[1])
        local values = tonumber(ARGV[3])
        for i = 2, values + 1, 1000 do
          redis.call('DEL', unpack(KEYS, i, math.min(i + 999, values + 1)))
        end
        for i = values + 2, #KEYS do
          redis.call('INCR', KEYS[i])
        end
        redis.call('PUBLISH', ARGV[1], ARGV[2])
        return 0
        """;

    // KEYS: the instance key, the invalidation count, then value and generation per fact. ARGV: the instance the
    // reader saw, a fresh instance token and its expiry (s), the invalidation count the reader saw, then per fact:
    // the generation the reader saw ('*' for a fact found alongside, whose generation it never read: then no
    // invalidation at all may have run since), the payload, the expiry (ms).
    // A Redis that restarted empty has lost its generations, so the instance token must match too.
    private const string StoreScript = """
        local instance = redis.call('GET', KEYS[1])
        if not instance then
          redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
          instance = ARGV[2]
        end
        local quiet = (redis.call('GET', KEYS[2]) or '') == ARGV[4]
        local stored = {}
        for p = 1, (#KEYS - 2) / 2 do
          local seen = ARGV[3 * p + 2]
          local unchanged
          if seen == '*' then
            unchanged = quiet
          else
            unchanged = (redis.call('GET', KEYS[2 * p + 2]) or '') == seen
          end
          if instance == ARGV[1] and unchanged then
            redis.call('SET', KEYS[2 * p + 1], ARGV[3 * p + 3], 'PX', ARGV[3 * p + 4])
            stored[p] = 1
          else
            stored[p] = 0
          end
        end
        return stored
        """;

    private static readonly RedisValue NotRead = "*";

    private IDatabase Database => redis.GetDatabase();

    /// <summary>One MGET: the instance token, the invalidation count, then each key's value and generation.</summary>
    public async Task<L2Read> ReadAsync(IReadOnlyList<CacheKey> keys)
    {
        var redisKeys = new RedisKey[2 + 2 * keys.Count];
        redisKeys[0] = keyspace.Instance;
        redisKeys[1] = keyspace.Invalidations;
        for (var i = 0; i < keys.Count; i++)
        {
            redisKeys[2 + 2 * i] = keyspace.Value(keys[i]);
            redisKeys[3 + 2 * i] = keyspace.Generation(keys[i]);
        }
        var found = await Database.StringGetAsync(redisKeys);
        var values = new RedisValue[keys.Count];
        var generations = new RedisValue[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            values[i] = found[2 + 2 * i];
            generations[i] = found[3 + 2 * i];
        }
        return new L2Read(found[0], found[1], values, generations);
    }

    /// <summary>
    /// Stores each fact unless its generation (or Redis itself) changed since <paramref name="read"/>; a fact found
    /// alongside, unless any invalidation ran since.
    /// </summary>
    /// <returns>For each fact, whether it was stored.</returns>
    public async Task<bool[]> StoreAsync(L2Read read, IReadOnlyList<L2Write> writes)
    {
        var keys = new RedisKey[2 + 2 * writes.Count];
        var args = new RedisValue[4 + 3 * writes.Count];
        keys[0] = keyspace.Instance;
        keys[1] = keyspace.Invalidations;
        args[0] = read.Instance.IsNull ? "" : read.Instance;
        args[1] = Guid.NewGuid().ToString("N");
        args[2] = TokenTtlSeconds;
        args[3] = read.Invalidations.IsNull ? "" : read.Invalidations;
        for (var p = 0; p < writes.Count; p++)
        {
            var write = writes[p];
            var generation = write.ReadIndex is { } i ? read.Generations[i] : NotRead;
            keys[2 + 2 * p] = keyspace.Value(write.Key);
            keys[3 + 2 * p] = keyspace.Generation(write.Key);
            args[4 + 3 * p] = generation.IsNull ? "" : generation;
            args[5 + 3 * p] = write.Payload;
            args[6 + 3 * p] = (long)Math.Ceiling(write.Ttl.TotalMilliseconds);
        }
        var result = await Database.ScriptEvaluateAsync(StoreScript, keys, args);
        return ((long[])result!).Select(stored => stored == 1).ToArray();
    }

    /// <summary>
    /// Deletes the keys' values, bumps their generations and publishes them, <see cref="MaxKeysPerScript"/> at a time:
    /// a FULL mirror extract can end millions of lines in one write, and one script over all of them would block Redis
    /// for seconds and publish a message over Redis's output limit for subscribers (32 MB by default), which
    /// disconnects every host.
    /// </summary>
    public async Task InvalidateAsync(IReadOnlyCollection<CacheKey> keys)
    {
        foreach (var chunk in keys.Chunk(MaxKeysPerScript))
            await InvalidateAtOnceAsync(chunk);
    }

    /// <summary>How many keys one invalidation script deletes and publishes at most.</summary>
    public const int MaxKeysPerScript = 10_000;

    private async Task InvalidateAtOnceAsync(IReadOnlyCollection<CacheKey> keys)
    {
        var generations = new HashSet<RedisKey>(keys.Count);
        var redisKeys = new List<RedisKey>(1 + 2 * keys.Count) { keyspace.Invalidations };
        foreach (var key in keys)
        {
            redisKeys.Add(keyspace.Value(key));
            generations.Add(keyspace.Generation(key));
        }
        redisKeys.AddRange(generations);
        RedisValue[] args = [keyspace.Channel.ToString(), InvalidationMessage.ForKeys(keys), keys.Count];
        await Database.ScriptEvaluateAsync(InvalidateScript, [.. redisKeys], args);
    }

    /// <summary>Names the current Redis data set, unless already named; stores refuse reads made under another name.</summary>
    public Task EnsureInstanceAsync() =>
        Database.StringSetAsync(keyspace.Instance, Guid.NewGuid().ToString("N"), TimeSpan.FromSeconds(TokenTtlSeconds), When.NotExists);

    public Task PublishAsync(string message) => redis.GetSubscriber().PublishAsync(keyspace.Channel, message);
}
