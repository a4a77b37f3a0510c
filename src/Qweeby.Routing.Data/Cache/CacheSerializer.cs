using System.Text.Json;
using StackExchange.Redis;

namespace Qweeby.Routing.Data.Cache;

/// <summary>Cached facts as Redis values: JSON, or one zero byte for a cached miss (no JSON text starts with it).</summary>
internal sealed class CacheSerializer(JsonSerializerOptions options)
{
    private static readonly byte[] MissMarker = [0];

    public byte[] Serialize(object? value, Type type) =>
        value is null ? MissMarker : JsonSerializer.SerializeToUtf8Bytes(value, options.GetTypeInfo(type));

    /// <summary>False when the stored bytes are not a <paramref name="type"/> (treated as absent and replaced).</summary>
    public bool TryDeserialize(RedisValue stored, Type type, out object? value)
    {
        ReadOnlyMemory<byte> bytes = stored;
        value = null;
        if (bytes.Span.SequenceEqual(MissMarker))
            return true;
        try
        {
            value = JsonSerializer.Deserialize(bytes.Span, options.GetTypeInfo(type));
            return value is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
