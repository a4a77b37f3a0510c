using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using StackExchange.Redis;

namespace Qweeby.Routing.Data.Cache;

/// <summary>
/// What travels on the invalidation channel: a JSON array of key names, or <c>probe:{id}</c>, which a host
/// publishes to itself to learn that its subscription is live again.
/// </summary>
internal static class InvalidationMessage
{
    private const string ProbePrefix = "probe:";

    public static string ForKeys(IEnumerable<CacheKey> keys) => JsonSerializer.Serialize(keys.Select(k => k.Name).ToArray());

    public static string ForProbe(string id) => ProbePrefix + id;

    public static bool IsProbe(RedisValue message) => message.StartsWith(ProbePrefix);

    /// <summary>False when the message is neither a probe nor readable (the reader then drops everything).</summary>
    public static bool TryReadKeys(RedisValue message, [NotNullWhen(true)] out IReadOnlyList<CacheKey>? keys)
    {
        keys = null;
        ReadOnlyMemory<byte> bytes = message;
        try
        {
            keys = JsonSerializer.Deserialize<string[]>(bytes.Span)?.Select(n => new CacheKey(n)).ToArray();
        }
        catch (JsonException)
        {
        }
        return keys is not null;
    }
}
