using Qweeby.Routing.Core.Identifiers;

namespace Qweeby.Routing.Data.Admin;

/// <summary>A customer not in the directory yet, created when a supplier adds it: known, without contact.</summary>
public sealed record NewCustomer(PartyId Identifier, string LegalName, string Country);
