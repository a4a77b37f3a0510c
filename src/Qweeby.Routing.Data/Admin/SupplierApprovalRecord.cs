using Qweeby.Routing.Core.Directory;

namespace Qweeby.Routing.Data.Admin;

/// <summary>A supplier's standing in a receiver's supplier directory, and who asked.</summary>
public sealed record SupplierApprovalRecord(
    Guid ReceiverId, Guid SupplierId, string SupplierName, IReadOnlyList<string> SupplierIdentifiers, ApprovalState State,
    DateTimeOffset RequestedAt, string? RequestedBy, int Attempts, DateTimeOffset? LastAttemptAt, DateTimeOffset? DecidedAt, string? DecidedBy);
