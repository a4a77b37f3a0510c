using System.Diagnostics.Metrics;

namespace Qweeby.Routing.Data.Cache;

/// <summary>The cache's counters, on the "Qweeby.Routing" meter the hosts export.</summary>
internal sealed class CacheMetrics
{
    // The Data project cannot see Qweeby.Routing.Hosting.Telemetry; the meter is known by name.
    public const string MeterName = "Qweeby.Routing";

    private static readonly KeyValuePair<string, object?> L1Tag = new("layer", "l1");
    private static readonly KeyValuePair<string, object?> L2Tag = new("layer", "l2");

    private readonly Counter<long> _hits;
    private readonly Counter<long> _misses;
    private readonly Counter<long> _degradedReads;

    public CacheMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _hits = meter.CreateCounter<long>("qweeby.cache.hits", "{read}", "Directory cache reads answered by a cache layer.");
        _misses = meter.CreateCounter<long>("qweeby.cache.misses", "{read}", "Directory cache reads that both layers missed.");
        _degradedReads = meter.CreateCounter<long>("qweeby.cache.degraded_reads", "{read}",
            "Directory reads that bypassed the cache because Redis was unavailable.");
    }

    public void Count(CacheSource source, int reads = 1)
    {
        switch (source)
        {
            case CacheSource.L1: _hits.Add(reads, L1Tag); break;
            case CacheSource.L2: _hits.Add(reads, L2Tag); break;
            case CacheSource.Loader: _misses.Add(reads); break;
            case CacheSource.Degraded: _degradedReads.Add(reads); break;
        }
    }
}
