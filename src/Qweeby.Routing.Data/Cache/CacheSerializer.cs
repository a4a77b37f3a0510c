using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using StackExchange.Redis;

namespace Qweeby.Routing.Data.Cache;

/// <summary>Cached facts as Redis values: JSON, or one zero byte for a cached miss (no JSON text starts with it).</summary>
internal sealed class CacheSerializer(JsonSerializerOptions options)
{
    private static readonly byte[] MissMarker = [0];

    public byte[] Serialize<T>(T? value) where T : class =>
        value is null ? MissMarker : JsonSerializer.SerializeToUtf8Bytes(value, TypeInfo<T>());

    /// <summary>False when the stored bytes are not a <typeparamref name="T"/> (treated as absent and replaced).</summary>
    public bool TryDeserialize<T>(RedisValue stored, out T? value) where T : class
    {
        ReadOnlyMemory<byte> bytes = stored;
        value = null;
        if (bytes.Span.SequenceEqual(MissMarker))
            return true;
        try
        {
            value = JsonSerializer.Deserialize(bytes.Span, TypeInfo<T>());
            return value is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
}
