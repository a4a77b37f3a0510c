namespace Qweeby.Routing.Core.Directory;

/// <summary>The recipient's entry in the sender's customer directory.</summary>
public sealed record CustomerEntryFacts(Guid EntryId, bool IsActive, string? PinnedProviderId);
