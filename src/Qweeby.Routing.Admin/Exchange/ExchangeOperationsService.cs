using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Data.Admin;
using Qweeby.Routing.Data.Exchange;
using Qweeby.Routing.Hosting.Grpc;
using Qweeby.Routing.Hosting.Security;

namespace Qweeby.Routing.Admin.Exchange;

/// <summary>
/// Operators' exchange actions: replaying an invoice, or a lifecycle status whose delivery failed. They
/// write the database only, each with its audit row; the routing hosts' workers find the outbox row on their next poll.
/// Operators (and platform administrators) only.
/// </summary>
public sealed class ExchangeOperationsService(ReplayStore replays, ILogger<ExchangeOperationsService> logger)
    : ExchangeOperations.ExchangeOperationsBase
{
    private const int MaxReasonLength = 200;

    [Authorize(Policy = Policies.Operator)]
    public override async Task<ReplayReply> Replay(ReplayRequest request, ServerCallContext context)
    {
        var violations = new List<Google.Rpc.BadRequest.Types.FieldViolation>();
        if (!Guid.TryParse(request.TransmissionId, out var id))
            violations.Add(RpcErrors.Violation("transmission_id", "FORMAT", "A transmission id is the UUID Submit answered."));
        CheckReason(request.Reason, violations);
        if (violations.Count > 0)
            throw RpcErrors.Invalid(violations).ToException();

        var caller = context.GetCaller();
        var (replayed, found) = await replays.ReplayTransmissionAsync(id, $"replayed by an operator: {request.Reason.Trim()}", caller.Id,
            context.CancellationToken);
        if (found is null)
            throw RpcErrors.TransmissionNotFound(request.TransmissionId).ToException();
        if (!replayed)
            throw RpcErrors.NotReplayable(request.TransmissionId, ExchangeCodes.Code(found.Value).ToUpperInvariant()).ToException();
        logger.LogInformation("Transmission {TransmissionId} replayed by {CallerId} ({Reason})", id, caller.Id, request.Reason);
        return new ReplayReply { TransmissionId = request.TransmissionId, Status = TransmissionStatus.Accepted };
    }

    [Authorize(Policy = Policies.Operator)]
    public override async Task<ReplayStatusReply> ReplayStatus(ReplayStatusRequest request, ServerCallContext context)
    {
        var violations = new List<Google.Rpc.BadRequest.Types.FieldViolation>();
        if (!Guid.TryParse(request.TransmissionId, out var id))
            violations.Add(RpcErrors.Violation("transmission_id", "FORMAT", "The invoice's id here: a transmission id, or an inbox item's."));
        if (!Guid.TryParse(request.StatusId, out var statusId))
            violations.Add(RpcErrors.Violation("status_id", "FORMAT", "A status id is the UUID its timeline shows."));
        CheckReason(request.Reason, violations);
        if (violations.Count > 0)
            throw RpcErrors.Invalid(violations).ToException();

        var caller = context.GetCaller();
        var (replayed, found) = await replays.ReplayStatusAsync(id, statusId, $"replayed by an operator: {request.Reason.Trim()}", caller.Id,
            context.CancellationToken);
        if (found is null)
            throw RpcErrors.StatusNotFound(request.TransmissionId, request.StatusId).ToException();
        if (!replayed)
            throw RpcErrors.StatusNotReplayable(request.TransmissionId, request.StatusId, found.Value.ToString().ToUpperInvariant()).ToException();
        logger.LogInformation("Status {StatusId} of {TransmissionId} replayed by {CallerId} ({Reason})", statusId, id, caller.Id, request.Reason);
        return new ReplayStatusReply { StatusId = request.StatusId, State = Contracts.V1.StatusDeliveryState.Pending };
    }

    private static void CheckReason(string reason, List<Google.Rpc.BadRequest.Types.FieldViolation> violations)
    {
        if (reason.Trim().Length == 0)
            violations.Add(RpcErrors.Violation("reason", "REQUIRED", "Say why you replay it: it is kept with what you replay."));
        else if (reason.Length > MaxReasonLength || reason.Any(char.IsControl))
            violations.Add(RpcErrors.Violation("reason", "FORMAT", $"At most {MaxReasonLength} characters, no control characters."));
    }
}
