namespace Qweeby.Routing.Data.Cache;

/// <summary>Where one read's answer came from (what the metrics count).</summary>
internal enum CacheSource
{
    L1,
    L2,
    Loader,
    Degraded,
}
