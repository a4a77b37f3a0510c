using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Qweeby.Routing.IntegrationTests.Cache;

/// <summary>The cache counters of one <see cref="IMeterFactory"/> (one simulated host), read as totals.</summary>
public sealed class CacheCounters : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _totals = new();

    public CacheCounters(IMeterFactory scope)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == scope && instrument.Name.StartsWith("qweeby.cache.", StringComparison.Ordinal))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var name = instrument.Name;
            foreach (var tag in tags)
                name += $"{{{tag.Key}={tag.Value}}}";
            _totals.AddOrUpdate(name, value, (_, total) => total + value);
        });
        _listener.Start();
    }

    public long L1Hits => Total("qweeby.cache.hits{layer=l1}");
    public long L2Hits => Total("qweeby.cache.hits{layer=l2}");
    public long Misses => Total("qweeby.cache.misses");
    public long DegradedReads => Total("qweeby.cache.degraded_reads");

    public void Dispose() => _listener.Dispose();

    private long Total(string name) => _totals.GetValueOrDefault(name);
}
