using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Contracts.V1;

namespace Qweeby.Routing.Cli.Admin;

/// <summary>
/// qweeby transmissions: the exchange's operator actions. Reading transmissions is the routing host's Exchange
/// service (operators, or the sender's submit key); replays (of invoices and of lifecycle statuses) are the admin
/// host's ExchangeOperations (operators).
/// </summary>
internal static class TransmissionCommands
{
    public static readonly AdminCommand[] All =
    [
        new("transmissions", "show", ["TRANSMISSION_ID"], "One transmission with its events and delivery attempts (routing host).", [], [],
            async c => await new Exchange.ExchangeClient(c.Invoker).GetTransmissionAsync(new GetTransmissionRequest { TransmissionId = c.Arg(0) }, deadline: c.Deadline),
            OnRoutingHost: true),
        new("transmissions", "list", ["SENDER"], "A sender's transmissions, newest first (routing host); --status accepted|forwarding|delivered|failed|dead-lettered.",
            ["--status", "--page-size", "--page-token"], [],
            async c => await new Exchange.ExchangeClient(c.Invoker).ListTransmissionsAsync(new ListTransmissionsRequest
            {
                Sender = c.Arg(0), Status = Status(c.One("--status")), PageSize = AdminCommands.Number(c, "--page-size"), PageToken = c.One("--page-token") ?? "",
            }, deadline: c.Deadline),
            ["transmission_id", "status", "accepted_at", "updated_at", "recipient_id", "status_detail"], OnRoutingHost: true),
        new("transmissions", "replay", ["TRANSMISSION_ID"], "Puts a FAILED or DEAD_LETTERED transmission back in the outbox (operators; --reason required).",
            ["--reason"], [],
            async c => await new ExchangeOperations.ExchangeOperationsClient(c.Invoker).ReplayAsync(new ReplayRequest
            {
                TransmissionId = c.Arg(0), Reason = c.One("--reason") ?? "",
            }, deadline: c.Deadline)),
        new("transmissions", "timeline", ["TRANSMISSION_ID"],
            "An invoice's lifecycle statuses with their deliveries, by a transmission id or an inbox item's (routing host).", [], [],
            async c => await new Exchange.ExchangeClient(c.Invoker).GetTimelineAsync(new GetTimelineRequest { TransmissionId = c.Arg(0) }, deadline: c.Deadline),
            OnRoutingHost: true),
        new("transmissions", "replay-status", ["TRANSMISSION_ID", "STATUS_ID"],
            "Puts a lifecycle status whose delivery FAILED or was DEAD_LETTERED back in the outbox (operators; --reason required).",
            ["--reason"], [],
            async c => await new ExchangeOperations.ExchangeOperationsClient(c.Invoker).ReplayStatusAsync(new ReplayStatusRequest
            {
                TransmissionId = c.Arg(0), StatusId = c.Arg(1), Reason = c.One("--reason") ?? "",
            }, deadline: c.Deadline)),
    ];

    private static TransmissionStatus Status(string? text) => text?.ToLowerInvariant().Replace('_', '-') switch
    {
        null => TransmissionStatus.Unspecified,
        "accepted" => TransmissionStatus.Accepted,
        "forwarding" => TransmissionStatus.Forwarding,
        "delivered" => TransmissionStatus.Delivered,
        "failed" => TransmissionStatus.Failed,
        "dead-lettered" => TransmissionStatus.DeadLettered,
        _ => throw new CliUsageException($"'{text}' is not a status: accepted, forwarding, delivered, failed or dead-lettered."),
    };
}
