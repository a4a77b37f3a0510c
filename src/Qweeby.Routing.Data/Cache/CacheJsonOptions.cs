using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Qweeby.Routing.Data.Cache;

/// <summary>
/// How cached facts are written to Redis. Reflection by default; a feature may put its source-generated
/// context first: <c>services.Configure&lt;CacheJsonOptions&gt;(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, DirectoryJson.Default))</c>.
/// </summary>
public sealed class CacheJsonOptions
{
    public JsonSerializerOptions SerializerOptions { get; } = new(JsonSerializerDefaults.General)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };
}
