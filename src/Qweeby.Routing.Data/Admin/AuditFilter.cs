namespace Qweeby.Routing.Data.Admin;

/// <summary>Which audit records to read, newest first; null members do not filter. <see cref="BeforeId"/> continues a page.</summary>
public sealed record AuditFilter(Guid? EntityId, string? Actor, DateTimeOffset? Since, DateTimeOffset? Until, long? BeforeId, int Limit);
