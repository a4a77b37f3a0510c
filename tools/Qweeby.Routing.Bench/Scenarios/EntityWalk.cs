using Qweeby.Routing.Bench.Generation;

namespace Qweeby.Routing.Bench.Scenarios;

/// <summary>
/// Entities taken one after another, never the same twice until every non-supplier entity has come: steps of a stride
/// coprime to their count, from <paramref name="start"/>. Safe for concurrent callers.
/// </summary>
internal sealed class EntityWalk(long entities, long start = 0)
{
    private readonly long _span = entities - SyntheticIds.Suppliers;
    private readonly long _stride = CoprimeStride(entities - SyntheticIds.Suppliers);
    private long _step = start;

    public long Next() => SyntheticIds.Suppliers + Interlocked.Increment(ref _step) * _stride % _span;

    private static long CoprimeStride(long span)
    {
        foreach (var prime in new long[] { 7_919, 104_729, 1_299_709, 15_485_863 })
            if (span % prime != 0)
                return prime;
        return 1;
    }
}
