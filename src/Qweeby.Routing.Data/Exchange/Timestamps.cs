namespace Qweeby.Routing.Data.Exchange;

public static class Timestamps
{
    /// <summary>
    /// Postgres keeps microseconds: a time truncated before it is written reads back equal, so a reply
    /// built from the written value matches every later read of it.
    /// </summary>
    public static DateTimeOffset Now(this TimeProvider time)
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
