using Qweeby.Routing.Core.Directory;
using Qweeby.Routing.Core.Identifiers;

namespace Qweeby.Routing.Data.Admin;

/// <summary>
/// A customer not in the directory yet, created when a supplier adds it: known, without contact. A natural person may
/// come without <paramref name="Identifier"/>: the supplier's customer numbers find it.
/// </summary>
public sealed record NewCustomer(PartyId? Identifier, string LegalName, string Country, EntityKind Kind = EntityKind.Company);
