using Qweeby.Routing.Core.Identifiers;

namespace Qweeby.Routing.Data.Cache;

/// <summary>
/// Every cached fact's key, in one place. Facts are cached separately so that a write invalidates
/// exactly the keys it changes: resolution composes them. A new cached shape bumps the version.
/// </summary>
public static class CacheKeys
{
    private const string V = "v1";

    /// <summary>Stored identifier → owning entity id (or a cached miss).</summary>
    public static CacheKey Identifier(PartyId id) => new($"{V}:id:{id.Icd}:{id.Value}");

    /// <summary>What adding or removing a stored identifier invalidates: its own key and, for a SIRET, its SIREN's establishments.</summary>
    public static IReadOnlyList<CacheKey> AffectedByIdentifier(PartyId id) =>
        id.Scheme == IdentifierScheme.Siret ? [Identifier(id), Establishments(id.Value[..9])] : [Identifier(id)];

    /// <summary>SIREN → entities registered under one of its SIRETs (a SIREN query's last resort).</summary>
    public static CacheKey Establishments(string siren) => new($"{V}:estab:{siren}");

    /// <summary>Entity → its public facts: status, names, identifiers, contacts flag, settings, registrations.</summary>
    public static CacheKey Entity(Guid entityId) => new($"{V}:entity:{entityId:N}");

    /// <summary>Sender → recipient: customer-directory entry, consent, supplier approval. Private to the sender.</summary>
    public static CacheKey Relation(Guid senderId, Guid recipientId) => new($"{V}:rel:{senderId:N}:{recipientId:N}");

    /// <summary>Sender's customer number → the customer entity. Private to the sender.</summary>
    public static CacheKey CustomerNumber(Guid senderId, CustomerNumber number) => new($"{V}:cn:{senderId:N}:{number.Value}");

    /// <summary>
    /// A 0225 address → the current versions of the French directory lines at it (one granularity; filtered by date at
    /// resolution). Per address, not per SIREN: a SIREN with thousands of establishments has thousands of SIRET lines,
    /// and a resolution needs the few at its own addresses (<see cref="Core.Addressing.LineTarget.Addresses"/>).
    /// </summary>
    public static CacheKey Lines(string address) => new($"{V}:lines-at:{address}");

    /// <summary>All service providers (a small table, read on every resolution).</summary>
    public static CacheKey Providers() => new($"{V}:providers");
}
