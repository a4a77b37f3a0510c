using Qweeby.Routing.Core.Directory;

namespace Qweeby.Routing.Core.Routing;

public enum RecipientReferenceKind { Identifier, CustomerNumber }

/// <summary>How the recipient reference was looked up, and what was found.</summary>
/// <param name="Reference">The normalized reference ("0009:…" or the customer number).</param>
/// <param name="MatchedBy">The stored key that matched, e.g. "0002:732829320" for a SIRET found through its SIREN.</param>
/// <param name="Candidates">Several entities matched (a SIREN whose establishments are separate entities).</param>
public sealed record RecipientLookup(
    RecipientReferenceKind Kind,
    string Reference,
    EntityFacts? Entity,
    string? MatchedBy,
    IReadOnlyList<Guid> Candidates)
{
    public static RecipientLookup Found(RecipientReferenceKind kind, string reference, EntityFacts entity, string matchedBy) =>
        new(kind, reference, entity, matchedBy, []);

    public static RecipientLookup NotFound(RecipientReferenceKind kind, string reference) =>
        new(kind, reference, null, null, []);

    public static RecipientLookup Ambiguous(string reference, IReadOnlyList<Guid> candidates) =>
        new(RecipientReferenceKind.Identifier, reference, null, null, candidates);
}
