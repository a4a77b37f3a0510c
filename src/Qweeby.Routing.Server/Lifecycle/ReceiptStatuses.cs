using Google.Protobuf.Collections;
using Qweeby.Routing.Core.Lifecycle;
using Qweeby.Routing.Data.Lifecycle;
using FieldViolation = Google.Rpc.BadRequest.Types.FieldViolation;

namespace Qweeby.Routing.Server.Lifecycle;

/// <summary>
/// The statuses a partner's receipt carries (its 202 Reçue and 203 Mise à disposition), read as ReceiveStatus reads a
/// status: checked as travelling statuses and set by the buyer's end. A malformed one cannot undo the delivery the
/// receipt proves: it is left out and named in the delivery's detail.
/// </summary>
internal static class ReceiptStatuses
{
    public static (List<StatusWrite> Writes, List<string> Ignored) Read(RepeatedField<Contracts.V1.LifecycleStatus> statuses, Guid transmissionId,
        string partner, DateTimeOffset now)
    {
        var writes = new List<StatusWrite>(statuses.Count);
        var ignored = new List<string>();
        for (var i = 0; i < statuses.Count; i++)
        {
            var violations = new List<FieldViolation>();
            var status = StatusParser.ParseTravelling(statuses[i], $"receipt.statuses[{i}]", partner, now, violations);
            // The partner stands at the buyer's end of an invoice we sent it.
            if (status is not null && LifecycleCodes.Setter(status.SetBy, InvoiceSide.Buyer) is { } setter)
                writes.Add(new StatusWrite(transmissionId, null, status, setter, null));
            else
                ignored.Add(violations.Count > 0
                    ? string.Join(", ", violations.Select(v => $"{v.Field}: {v.Description}"))
                    : $"receipt.statuses[{i}]: {StatusParser.NotFromThatEnd(status!, InvoiceSide.Buyer)}");
        }
        return (writes, ignored);
    }
}
