using StackExchange.Redis;

namespace Qweeby.Routing.Data.Cache;

/// <summary>
/// The Redis layer (L2): reads values with their generations, stores only where no invalidation ran since
/// the read, and invalidates (delete, bump the generation, publish) in one script. Redis errors propagate.
/// Multi-key commands assume one Redis (or Sentinel); Redis Cluster would need them split by hash slot.
/// </summary>
internal sealed class RedisLayer(IConnectionMultiplexer redis, RedisKeyspace keyspace)
{
    // A day: far longer than any load, so a generation never lapses while a load that read it is running.
    // The instance token lapses too (a lapse only refuses the stores of loads running across it).
    private const int TokenTtlSeconds = 86_400;

    private const string InvalidateScript = """
        for i = 1, #KEYS, 2 do
          redis.call('DEL', KEYS[i])
          redis.call('INCR', KEYS[i + 1])
          redis.call('EXPIRE', KEYS[i + 1], ARGV[1])
        end
        redis.call('PUBLISH', ARGV[2], ARGV[3])
        return 0
        """;

    // KEYS: the instance key, then value and generation per fact. ARGV: the instance the reader saw, a fresh
    // instance token and its expiry (s), then per fact: the generation the reader saw, the payload, the expiry (ms).
    // A Redis that restarted empty has lost its generations, so the instance token must match too.
    private const string StoreScript = """
        local instance = redis.call('GET', KEYS[1])
        if not instance then
          redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
          instance = ARGV[2]
        end
        local stored = {}
        for p = 1, (#KEYS - 1) / 2 do
          local generation = redis.call('GET', KEYS[2 * p + 1]) or ''
          if instance == ARGV[1] and generation == ARGV[3 * p + 1] then
            redis.call('SET', KEYS[2 * p], ARGV[3 * p + 2], 'PX', ARGV[3 * p + 3])
            stored[p] = 1
          else
            stored[p] = 0
          end
        end
        return stored
        """;

    private IDatabase Database => redis.GetDatabase();

    /// <summary>One MGET: the instance token, then each key's value and generation.</summary>
    public async Task<L2Read> ReadAsync(IReadOnlyList<CacheKey> keys)
    {
        var redisKeys = new RedisKey[1 + 2 * keys.Count];
        redisKeys[0] = keyspace.Instance;
        for (var i = 0; i < keys.Count; i++)
        {
            redisKeys[1 + 2 * i] = keyspace.Value(keys[i]);
            redisKeys[2 + 2 * i] = keyspace.Generation(keys[i]);
        }
        var found = await Database.StringGetAsync(redisKeys);
        var values = new RedisValue[keys.Count];
        var generations = new RedisValue[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            values[i] = found[1 + 2 * i];
            generations[i] = found[2 + 2 * i];
        }
        return new L2Read(found[0], values, generations);
    }

    /// <summary>Stores each fact unless its generation (or Redis itself) changed since <paramref name="read"/>.</summary>
    /// <returns>For each fact, whether it was stored.</returns>
    public async Task<bool[]> StoreAsync(L2Read read, IReadOnlyList<L2Write> writes)
    {
        var keys = new RedisKey[1 + 2 * writes.Count];
        var args = new RedisValue[3 + 3 * writes.Count];
        keys[0] = keyspace.Instance;
        args[0] = read.Instance.IsNull ? "" : read.Instance;
        args[1] = Guid.NewGuid().ToString("N");
        args[2] = TokenTtlSeconds;
        for (var p = 0; p < writes.Count; p++)
        {
            var write = writes[p];
            var generation = read.Generations[write.ReadIndex];
            keys[1 + 2 * p] = keyspace.Value(write.Key);
            keys[2 + 2 * p] = keyspace.Generation(write.Key);
            args[3 + 3 * p] = generation.IsNull ? "" : generation;
            args[4 + 3 * p] = write.Payload;
            args[5 + 3 * p] = (long)Math.Ceiling(write.Ttl.TotalMilliseconds);
        }
        var result = await Database.ScriptEvaluateAsync(StoreScript, keys, args);
        return ((long[])result!).Select(stored => stored == 1).ToArray();
    }

    public async Task InvalidateAsync(IReadOnlyCollection<CacheKey> keys)
    {
        var redisKeys = new RedisKey[2 * keys.Count];
        var i = 0;
        foreach (var key in keys)
        {
            redisKeys[i++] = keyspace.Value(key);
            redisKeys[i++] = keyspace.Generation(key);
        }
        RedisValue[] args = [TokenTtlSeconds, keyspace.Channel.ToString(), InvalidationMessage.ForKeys(keys)];
        await Database.ScriptEvaluateAsync(InvalidateScript, redisKeys, args);
    }

    /// <summary>Names the current Redis data set, unless already named; stores refuse reads made under another name.</summary>
    public Task EnsureInstanceAsync() =>
        Database.StringSetAsync(keyspace.Instance, Guid.NewGuid().ToString("N"), TimeSpan.FromSeconds(TokenTtlSeconds), When.NotExists);

    public Task PublishAsync(string message) => redis.GetSubscriber().PublishAsync(keyspace.Channel, message);
}
