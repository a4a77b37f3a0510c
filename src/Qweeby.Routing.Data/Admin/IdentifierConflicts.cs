using Qweeby.Routing.Core.Identifiers;

namespace Qweeby.Routing.Data.Admin;

/// <summary>
/// The stored identifiers a new identifier collides with: itself, and for a SIREN or French VAT number the
/// other one (the same legal unit). A SIRET is an establishment: separate entities may hold SIRETs of one SIREN.
/// </summary>
internal static class IdentifierConflicts
{
    public static IEnumerable<PartyId> Keys(PartyId id) =>
        id.Scheme is IdentifierScheme.Siren or IdentifierScheme.FrenchVat ? id.Equivalents() : [id];

    /// <summary>The first of <paramref name="ids"/> some other entity already holds, with that holder.</summary>
    public static async Task<(PartyId Id, Guid Holder)?> FirstTakenAsync(AdminTransaction tx, IEnumerable<PartyId> ids, Guid? except, CancellationToken ct)
    {
        foreach (var id in ids)
        {
            var keys = Keys(id).ToList();
            var holder = await tx.ScalarAsync<Guid?>("""
                SELECT i.entity_id FROM entity_identifier i
                JOIN unnest($1::text[], $2::text[]) AS q(icd, value) ON i.icd = q.icd AND i.value = q.value
                WHERE $3::uuid IS NULL OR i.entity_id <> $3 LIMIT 1
                """, ct, keys.Select(k => k.Icd).ToArray(), keys.Select(k => k.Value).ToArray(), except);
            if (holder is { } h)
                return (id, h);
        }
        return null;
    }

    public static AdminRefusal Taken(PartyId id, Guid holder) =>
        new(AdminRefusalKind.Conflict, "IDENTIFIER_TAKEN", $"{id} (or its equivalent) already belongs to entity {holder}: update that entity instead.",
            ("identifier", id.ToString()), ("holder_entity_id", holder.ToString()));
}
