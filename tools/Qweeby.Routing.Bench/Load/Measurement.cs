namespace Qweeby.Routing.Bench.Load;

/// <summary>One scenario at one concurrency: calls completed in the measured window and their latency percentiles (µs).</summary>
public sealed record Measurement(
    string Scenario,
    int Concurrency,
    long Calls,
    long Errors,
    double Seconds,
    double P50Us,
    double P90Us,
    double P99Us,
    double P999Us,
    double ItemsPerCall = 1)
{
    public double PerSecond => Calls / Seconds;

    /// <summary>Items (recipients of a batch, rows) per second; equals <see cref="PerSecond"/> for single calls.</summary>
    public double ItemsPerSecond => PerSecond * ItemsPerCall;
}
