using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Data.Exchange;
using Qweeby.Routing.Hosting.Grpc;
using Qweeby.Routing.Hosting.Security;

namespace Qweeby.Routing.Admin.Exchange;

/// <summary>
/// Operators' exchange actions. Replay writes the database only; the routing hosts' workers find the
/// outbox row on their next poll. Operators (and platform administrators) only.
/// </summary>
public sealed class ExchangeOperationsService(OutboxStore outbox, TimeProvider time, ILogger<ExchangeOperationsService> logger)
    : ExchangeOperations.ExchangeOperationsBase
{
    private const int MaxReasonLength = 200;

    [Authorize(Policy = Policies.Operator)]
    public override async Task<ReplayReply> Replay(ReplayRequest request, ServerCallContext context)
    {
        var violations = new List<Google.Rpc.BadRequest.Types.FieldViolation>();
        if (!Guid.TryParse(request.TransmissionId, out var id))
            violations.Add(RpcErrors.Violation("transmission_id", "FORMAT", "A transmission id is the UUID Submit answered."));
        if (request.Reason.Trim().Length == 0)
            violations.Add(RpcErrors.Violation("reason", "REQUIRED", "Say why you replay it: it is kept in the transmission's events."));
        else if (request.Reason.Length > MaxReasonLength || request.Reason.Any(char.IsControl))
            violations.Add(RpcErrors.Violation("reason", "FORMAT", $"At most {MaxReasonLength} characters, no control characters."));
        if (violations.Count > 0)
            throw RpcErrors.Invalid(violations).ToException();

        var (replayed, found) = await outbox.ReplayAsync(id, $"replayed by an operator: {request.Reason.Trim()}", time.Now(), context.CancellationToken);
        if (found is null)
            throw RpcErrors.TransmissionNotFound(request.TransmissionId).ToException();
        if (!replayed)
            throw RpcErrors.NotReplayable(request.TransmissionId, ExchangeCodes.Code(found.Value).ToUpperInvariant()).ToException();
        logger.LogInformation("Transmission {TransmissionId} replayed ({Reason})", id, request.Reason);
        return new ReplayReply { TransmissionId = request.TransmissionId, Status = TransmissionStatus.Accepted };
    }
}
