namespace Qweeby.Routing.Data.Admin;

/// <summary>One admin change: who, when, what, which record, and the record's JSON before and after.</summary>
public sealed record AuditRecord(long AuditId, DateTimeOffset OccurredAt, string Actor, string Action, Guid? EntityId, string Subject, string? Before, string? After);
