using System.Diagnostics.Metrics;

namespace Qweeby.Routing.Hosting.Security;

/// <summary>Counters of refused calls, on Qweeby's meter.</summary>
internal static class SecurityMetrics
{
    /// <summary>Refused calls, tagged <c>outcome</c> and <c>reason</c>.</summary>
    public static readonly Counter<long> Refused = Telemetry.Meter.CreateCounter<long>("qweeby.security.refused", description: "Calls refused by authentication or authorization");

    public static readonly Counter<long> RateLimited = Telemetry.Meter.CreateCounter<long>("qweeby.security.rate_limited", description: "Calls refused by the per-caller rate limit");

    /// <summary>Security events not written: queue full or Postgres failing.</summary>
    public static readonly Counter<long> AuditDropped = Telemetry.Meter.CreateCounter<long>("qweeby.security.audit_dropped", description: "Security events that could not be recorded");
}
