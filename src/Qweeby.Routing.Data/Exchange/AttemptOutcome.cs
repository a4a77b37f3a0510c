namespace Qweeby.Routing.Data.Exchange;

/// <summary>What one delivery attempt came to.</summary>
public enum AttemptOutcome
{
    Delivered,

    /// <summary>Transient failure: tried again later.</summary>
    Retry,

    /// <summary>Permanent refusal by the receiving access point.</summary>
    Failed,

    /// <summary>Transient failure past the attempt or age limit.</summary>
    DeadLettered,
}
