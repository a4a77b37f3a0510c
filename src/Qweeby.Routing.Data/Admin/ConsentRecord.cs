using Qweeby.Routing.Core.Directory;

namespace Qweeby.Routing.Data.Admin;

public sealed record ConsentRecord(Guid SupplierId, Guid CustomerId, ConsentState State, DateTimeOffset RequestedAt, DateTimeOffset? DecidedAt);
