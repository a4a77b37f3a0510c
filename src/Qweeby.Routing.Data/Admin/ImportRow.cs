using Qweeby.Routing.Core.Directory;
using Qweeby.Routing.Core.Identifiers;

namespace Qweeby.Routing.Data.Admin;

/// <summary>One valid-looking row of an entity import: checked alone, still to be checked against the directory and the file.</summary>
/// <param name="Identifiers">Each identifier with the column it came from.</param>
public sealed record ImportRow(int Row, EntityKind Kind, string LegalName, string Country, IReadOnlyList<(PartyId Id, string Field)> Identifiers,
    ContactDraft? Contact);
