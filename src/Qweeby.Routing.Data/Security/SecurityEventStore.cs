using Npgsql;
using NpgsqlTypes;
using Qweeby.Routing.Core.Security;

namespace Qweeby.Routing.Data.Security;

/// <summary>Appends refused calls to <c>security_event</c>, a batch per round trip.</summary>
public sealed class SecurityEventStore(NpgsqlDataSource dataSource)
{
    public async Task AppendAsync(IReadOnlyList<SecurityEvent> events, CancellationToken ct)
    {
        if (events.Count == 0)
            return;
        await using var cmd = dataSource.CreateCommand("""
            INSERT INTO security_event (occurred_at, host, caller_id, remote_address, method, outcome, reason)
            SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
            """);
        cmd.Parameters.Add(new() { Value = events.Select(e => e.OccurredAt).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new() { Value = events.Select(e => e.Host).ToArray() });
        cmd.Parameters.Add(new() { Value = events.Select(e => e.CallerId).ToArray() });
        cmd.Parameters.Add(new() { Value = events.Select(e => e.RemoteAddress).ToArray() });
        cmd.Parameters.Add(new() { Value = events.Select(e => e.Method).ToArray() });
        cmd.Parameters.Add(new() { Value = events.Select(e => OutcomeName(e.Outcome)).ToArray() });
        cmd.Parameters.Add(new() { Value = events.Select(e => e.Reason).ToArray() });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static string OutcomeName(SecurityOutcome outcome) => outcome switch
    {
        SecurityOutcome.Unauthenticated => "unauthenticated",
        SecurityOutcome.PermissionDenied => "permission_denied",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown outcome."),
    };
}
