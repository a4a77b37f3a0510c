using Microsoft.Extensions.Options;

namespace Qweeby.Routing.Server.Exchange;

/// <summary>
/// When to try a transiently failing invoice again: exponential backoff from
/// <see cref="ExchangeOptions.RetryInitialDelay"/>, capped at <see cref="ExchangeOptions.RetryMaxDelay"/>,
/// with "equal jitter" (half the delay fixed, half random) so partners coming back are not hit by every
/// sender at once; never after <see cref="ExchangeOptions.MaxAttempts"/> attempts or <see cref="ExchangeOptions.MaxAge"/>.
/// </summary>
public sealed class RetrySchedule(IOptions<ExchangeOptions> options)
{
    /// <summary>The wait after attempt <paramref name="attempt"/> (1-based); <paramref name="random"/> in [0, 1).</summary>
    public TimeSpan DelayAfter(int attempt, double random)
    {
        var o = options.Value;
        var exponential = o.RetryInitialDelay.Ticks * Math.Pow(2, Math.Clamp(attempt - 1, 0, 40));
        var capped = Math.Min(exponential, o.RetryMaxDelay.Ticks);
        return TimeSpan.FromTicks((long)(capped / 2 + random * capped / 2));
    }

    /// <summary>When to try again after attempt <paramref name="attempt"/> failed at <paramref name="now"/>; null to give up (dead letter).</summary>
    public DateTimeOffset? NextAttemptAt(int attempt, DateTimeOffset queuedAt, DateTimeOffset now, double random)
    {
        var o = options.Value;
        return attempt >= o.MaxAttempts || now - queuedAt >= o.MaxAge ? null : now + DelayAfter(attempt, random);
    }
}
