namespace Qweeby.Routing.Bench.Generation;

/// <summary>
/// How long loading a synthetic directory took, phase by phase, with the raw COPY baseline of the same run.
/// Stored in the database it describes (<c>bench_info</c>), so a reused database still reports its load.
/// </summary>
/// <param name="EntitySeconds">Entities and their four identifiers: COPY, then keys, indexes and foreign keys.</param>
/// <param name="DirectorySeconds">Contacts and provider registrations, the same way.</param>
/// <param name="CustomerSeconds">Customer entries and numbers, the same way.</param>
/// <param name="SearchIndexSeconds">The name search indexes (trigrams, words) and ANALYZE.</param>
/// <param name="RawRows">Rows of the raw baseline: one entity-shaped row per entity into one unindexed table.</param>
public sealed record LoadReport(
    long Entities,
    long IdentifierRows,
    long CustomerNumbers,
    double EntitySeconds,
    double DirectorySeconds,
    double CustomerSeconds,
    double SearchIndexSeconds,
    long RawRows,
    double RawSeconds,
    DateTimeOffset LoadedAt)
{
    /// <summary>The headline figure: entities per second with their identifiers, keys and indexes built.</summary>
    public double EntitiesPerSecond => Entities / EntitySeconds;

    /// <summary>Everything but the search index: entities, identifiers, contacts, registrations, customer directories.</summary>
    public double AllRowsEntitiesPerSecond => Entities / (EntitySeconds + DirectorySeconds + CustomerSeconds);

    public double RawRowsPerSecond => RawRows / RawSeconds;

    /// <summary>Entity and identifier rows per second, keys included: comparable with <see cref="RawRowsPerSecond"/>.</summary>
    public double LoadRowsPerSecond => (Entities + IdentifierRows) / EntitySeconds;
}
