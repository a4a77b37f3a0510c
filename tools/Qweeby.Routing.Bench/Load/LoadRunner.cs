using System.Diagnostics;
using System.Runtime;
using HdrHistogram;

namespace Qweeby.Routing.Bench.Load;

/// <summary>
/// Closed-loop load at a fixed concurrency: that many callers each wait for an answer before asking again, first
/// for the warm-up (discarded), then for the measured duration. Latency goes into an HdrHistogram per caller
/// (microseconds, 3 significant digits), merged at the end.
/// </summary>
/// <param name="settleJit">
/// After the warm-up, wait for the JIT to settle and warm up 0.5 s more (<see cref="JitSettling"/>): for measurements
/// that count; a smoke run or an unrecorded pass skips it.
/// </param>
public sealed class LoadRunner(TimeSpan warmup, TimeSpan duration, Action<string> log, bool settleJit = false)
{
    private const long HighestMicroseconds = 60_000_000;
    private const int MaxErrorsShown = 1;
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan JitSettleLimit = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan SettledWarmup = TimeSpan.FromMilliseconds(500);

    /// <param name="call">One call by caller <c>worker</c>, its <c>n</c>-th; it throws on failure.</param>
    public async Task<Measurement> RunAsync(string scenario, int concurrency, Func<int, long, Task> call, double itemsPerCall = 1)
    {
        // One call first, outside any timing: a scenario that cannot work fails here with its own message.
        await call(0, 0);
        await LoopAsync(concurrency, warmup, call, record: false);
        if (settleJit)
        {
            // Tiered compilation defers its work while new code keeps starting: let it catch up before the window.
            await JitSettling.WaitAsync(JitSettleLimit, CancellationToken.None);
            await LoopAsync(concurrency, SettledWarmup, call, record: false);
        }
        // Read first and last: reading /proc costs this process CPU and allocations that belong to no call.
        var serverCpuBefore = ServerCpu.Now();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var gen0Before = GC.CollectionCount(0);
        var jitBefore = JitInfo.GetCompilationTime();
        var (histogram, calls, errors, seconds) = await LoopAsync(concurrency, duration, call, record: true);
        // The bench process holds the client and the hosts: its CPU per call is the figure other processes on this
        // shared machine disturb least (Postgres and Redis, separate processes, are not in it).
        var cpuPerCallUs = calls == 0 ? 0 : (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMicroseconds / calls;
        // Bytes allocated by client and hosts together: garbage collection is a large share of a cheap call's CPU.
        var kbPerCall = calls == 0 ? 0 : (GC.GetTotalAllocatedBytes() - allocatedBefore) / 1024.0 / calls;
        var gen0 = GC.CollectionCount(0) - gen0Before;
        // Time the JIT spent compiling during the window (a settled process compiles next to nothing).
        var jitMs = (JitInfo.GetCompilationTime() - jitBefore).TotalMilliseconds;
        var serverCpuPerCallUs = calls == 0 ? 0 : (ServerCpu.Now() - serverCpuBefore).TotalMicroseconds / calls;
        var m = new Measurement(scenario, concurrency, calls, errors, seconds,
            Percentile(histogram, 50), Percentile(histogram, 90), Percentile(histogram, 99), Percentile(histogram, 99.9), itemsPerCall);
        log($"  {scenario,-34} c={concurrency,-3} {m.PerSecond,10:N0}/s  p50 {m.P50Us,8:N0} µs  p99 {m.P99Us,8:N0} µs  cpu {cpuPerCallUs,6:N1} µs/call  pg+redis {serverCpuPerCallUs,6:N1} µs/call  alloc {kbPerCall,5:N1} KB/call  gen0 {gen0,4}  jit {jitMs,5:N0} ms{(errors > 0 ? $"  {errors} errors" : "")}");
        return m;
    }

    private static double Percentile(HistogramBase histogram, double percentile) =>
        histogram.TotalCount == 0 ? 0 : histogram.GetValueAtPercentile(percentile);

    private async Task<(HistogramBase, long Calls, long Errors, double Seconds)> LoopAsync(
        int concurrency, TimeSpan length, Func<int, long, Task> call, bool record)
    {
        var histograms = new LongHistogram[concurrency];
        var counts = new long[concurrency];
        var errors = new long[concurrency];
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(length.TotalSeconds * Stopwatch.Frequency);
        var shown = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var histogram = histograms[worker] = new LongHistogram(HighestMicroseconds, 3);
            long n = worker * 1_000_000_000L;
            while (true)
            {
                var before = Stopwatch.GetTimestamp();
                if (before >= end)
                    break;
                try
                {
                    // A call that never answers is an error, not a run that never ends.
                    await call(worker, n++).WaitAsync(CallTimeout);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    errors[worker]++;
                    if (Interlocked.Increment(ref shown) <= MaxErrorsShown)
                        log($"    error: {e.GetType().Name}: {e.Message}");
                    continue;
                }
                if (record)
                {
                    var micros = (Stopwatch.GetTimestamp() - before) * 1_000_000 / Stopwatch.Frequency;
                    histogram.RecordValue(Math.Clamp(micros, 1, HighestMicroseconds));
                    counts[worker]++;
                }
            }
        })));
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var merged = new LongHistogram(HighestMicroseconds, 3);
        foreach (var h in histograms)
            merged.Add(h);
        return (merged, counts.Sum(), errors.Sum(), seconds);
    }
}
