using System.Collections.Concurrent;
using System.Diagnostics;

namespace Qweeby.Routing.Bench.Load;

/// <summary>
/// <c>--spans</c>: what the hosts' own spans (gRPC, Npgsql, Redis, Qweeby) took while the bench ran, by span name:
/// count and mean duration. Tells where a scenario's time goes without a profiler.
/// </summary>
public sealed class SpanTally : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentDictionary<string, (long Count, double TotalUs)> _spans = new();

    public SpanTally()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a => _spans.AddOrUpdate($"{a.Source.Name}: {Name(a)}",
                (1, a.Duration.TotalMicroseconds), (_, t) => (t.Count + 1, t.TotalUs + a.Duration.TotalMicroseconds)),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Reset() => _spans.Clear();

    public IEnumerable<string> Report() =>
        _spans.OrderByDescending(s => s.Value.TotalUs).Take(20)
            .Select(s => $"    {s.Value.Count,9:N0} x {s.Value.TotalUs / s.Value.Count,8:N0} µs  {s.Key}");

    // Npgsql names its spans by database; the statement's first words say which query it was.
    private static string Name(Activity a) =>
        a.GetTagItem("db.query.text") is string sql ? string.Join(' ', sql.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Take(6))
        : a.GetTagItem("db.statement") is string statement ? string.Join(' ', statement.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Take(6))
        : a.DisplayName;

    public void Dispose() => _listener.Dispose();
}
