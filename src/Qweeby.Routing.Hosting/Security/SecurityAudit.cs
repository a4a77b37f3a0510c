using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Qweeby.Routing.Core.Security;

namespace Qweeby.Routing.Hosting.Security;

/// <summary>
/// Records refused calls for the <c>security_event</c> table without waiting for Postgres: events go
/// to a bounded in-memory queue that <see cref="SecurityAuditWriter"/> empties in batches. When the
/// queue is full (a flood of bad credentials, or Postgres away), new events are dropped and counted
/// (<c>qweeby.security.audit_dropped</c>) rather than slowing calls or growing memory.
/// </summary>
public sealed class SecurityAudit
{
    private readonly Channel<SecurityEvent> _queue;
    private readonly string _host;
    private readonly TimeProvider _time;

    public SecurityAudit(string host, int capacity, TimeProvider time)
    {
        _host = host;
        _time = time;
        _queue = Channel.CreateBounded<SecurityEvent>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true },
            _ => SecurityMetrics.AuditDropped.Add(1));
    }

    internal ChannelReader<SecurityEvent> Reader => _queue.Reader;

    /// <summary>Queues one refused call: the gRPC method is the request path, e.g. <c>/qweeby.routing.v1.Identity/WhoAmI</c>.</summary>
    public void Refused(HttpContext context, SecurityOutcome outcome, string reason, string? callerId)
    {
        SecurityMetrics.Refused.Add(1, new("outcome", outcome.ToString()), new("reason", reason));
        var refused = new SecurityEvent(_time.GetUtcNow(), _host, callerId, context.Connection.RemoteIpAddress?.ToString(),
            context.Request.Path.Value ?? "", outcome, reason);
        if (!_queue.Writer.TryWrite(refused))
            SecurityMetrics.AuditDropped.Add(1);
    }

    /// <summary>No more events: the writer drains what is queued and stops.</summary>
    internal void Complete() => _queue.Writer.TryComplete();
}
