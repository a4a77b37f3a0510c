using System.Collections.Concurrent;
using Qweeby.Routing.Data.Cache;

namespace Qweeby.Routing.IntegrationTests.Cache;

/// <summary>A stand-in for Postgres that counts how often, and for which keys, it is asked.</summary>
public sealed class FactSource
{
    private readonly ConcurrentDictionary<CacheKey, string> _facts = new();
    private readonly ConcurrentQueue<IReadOnlyList<CacheKey>> _calls = new();

    /// <summary>Each loader call, with the keys it was asked for.</summary>
    public IReadOnlyList<IReadOnlyList<CacheKey>> Calls => [.. _calls];

    public int LoadCount => _calls.Count;

    public void Set(CacheKey key, string? value)
    {
        if (value is null)
            _facts.TryRemove(key, out _);
        else
            _facts[key] = value;
    }

    public Task<Fact?> LoadAsync(CacheKey key, CancellationToken ct)
    {
        _calls.Enqueue([key]);
        return Task.FromResult(Find(key));
    }

    public Task<IReadOnlyDictionary<CacheKey, Fact?>> LoadManyAsync(IReadOnlyList<CacheKey> keys, CancellationToken ct)
    {
        _calls.Enqueue(keys);
        return Task.FromResult<IReadOnlyDictionary<CacheKey, Fact?>>(keys.ToDictionary(k => k, Find));
    }

    private Fact? Find(CacheKey key) => _facts.TryGetValue(key, out var value) ? new Fact(value) : null;
}
