namespace Qweeby.Routing.Bench.Report;

/// <summary>One of issue 7's targets: what was measured against what is required (both as ratios unless said).</summary>
/// <param name="HigherIsBetter">True for "at least" targets, false for "at most".</param>
public sealed record Target(string Name, double? Measured, double Required, bool HigherIsBetter, string Unit = "x")
{
    /// <summary>
    /// The lowest and highest value of the same ratio taken round by round (each scenario right after its baseline),
    /// where a target compares two measurements and the run had several rounds: how near its line a median sits.
    /// </summary>
    public (double Lowest, double Highest)? Rounds { get; init; }

    public bool? Met => Measured is { } m ? (HigherIsBetter ? m >= Required : m <= Required) : null;

    public string Verdict => Met switch { true => "met", false => "MISSED", null => "not measured" };

    /// <summary>How far from the target, as a factor (1.0 = exactly on it; for misses, how many times too slow or too low).</summary>
    public double? Gap => Measured is { } m && m > 0 ? (HigherIsBetter ? Required / m : m / Required) : null;
}
