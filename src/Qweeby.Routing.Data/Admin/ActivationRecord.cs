using Qweeby.Routing.Core.Directory;
namespace Qweeby.Routing.Data.Admin;

public sealed record ActivationRecord(Guid SupplierId, Guid CustomerId, string ProviderId, ActivationState State, DateTimeOffset RequestedAt, DateTimeOffset UpdatedAt);
