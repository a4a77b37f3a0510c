using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Qweeby.Routing.Contracts.Admin.V1;

namespace Qweeby.Routing.Cli.Admin;

/// <summary>qweeby audit.</summary>
internal static class AuditCommands
{
    public static readonly AdminCommand[] All =
    [
        new("audit", "list", [], "Admin changes, newest first; filters combine. Times: ISO 8601 (2026-01-31T12:00:00Z).",
            ["--entity", "--actor", "--since", "--until", "--page-size", "--page-token"], [],
            async c => await new Audit.AuditClient(c.Invoker).ListAuditRecordsAsync(new ListAuditRecordsRequest
            {
                Entity = c.One("--entity") ?? "", Actor = c.One("--actor") ?? "", Since = Time(c, "--since"), Until = Time(c, "--until"),
                PageSize = AdminCommands.Number(c, "--page-size"), PageToken = c.One("--page-token") ?? "",
            }, deadline: c.Deadline),
            ["audit_id", "occurred_at", "actor", "action", "entity_id", "subject", "before_json", "after_json"]),
    ];

    private static Timestamp? Time(AdminCall c, string option) =>
        c.One(option) is not { } text ? null
            : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? Timestamp.FromDateTimeOffset(at)
            : throw new CliUsageException($"{option} '{text}' is not a time: use ISO 8601, e.g. 2026-01-31T12:00:00Z.");
}
