using Qweeby.Routing.Core.Routing;
using Qweeby.Routing.Data.Admin;

namespace Qweeby.Routing.Server.Exchange;

/// <summary>
/// A supplier refused because the receiver's supplier directory is closed is put on the receiver's pending list
/// (who tried to send), so the receiver's administrator can approve it.
/// </summary>
public sealed class UnapprovedSuppliers(SupplierDirectoryStore approvals)
{
    public async Task RecordAsync(RoutingDecision decision, CancellationToken ct)
    {
        if (decision.Rejection?.Reason == RejectionReasons.SupplierNotApproved && decision is { Sender: { } sender, Recipient: { } receiver })
            await approvals.RecordAttemptAsync(receiver.EntityId, sender.EntityId, ct);
    }
}
