namespace Qweeby.Routing.Data.Admin;

/// <summary>Which entries of a customer directory to list: all when every member is null; <see cref="Number"/> or <see cref="NameFragment"/> (either matches).</summary>
/// <param name="CustomerIds">Entries of these customers (an identifier's owners).</param>
/// <param name="Number">Entries holding this normalized customer number.</param>
/// <param name="NameFragment">Entries whose customer's name contains this, case- and accent-insensitive.</param>
public sealed record CustomerFilter(IReadOnlyList<Guid>? CustomerIds = null, string? Number = null, string? NameFragment = null);
