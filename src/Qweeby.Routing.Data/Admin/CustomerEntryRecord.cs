namespace Qweeby.Routing.Data.Admin;

/// <summary>One entry of a supplier's customer directory.</summary>
public sealed record CustomerEntryRecord(
    Guid EntryId, Guid SupplierId, Guid CustomerId, string CustomerName, IReadOnlyList<string> CustomerIdentifiers, bool Active,
    IReadOnlyList<string> CustomerNumbers, string? PinnedProviderId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
