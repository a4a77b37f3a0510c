namespace Qweeby.Routing.Data.Cache;

/// <summary>
/// The name of one cached fact, without the deployment's prefix (<see cref="CacheOptions.KeyPrefix"/>),
/// e.g. <c>v1:entity:6f1c…</c>. Built only by <see cref="CacheKeys"/>.
/// </summary>
public readonly record struct CacheKey(string Name)
{
    public override string ToString() => Name;
}
