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

    /// <summary>
    /// Refuses identifiers an entity (<paramref name="entityId"/>, or one being created) may not take: one another entity
    /// holds (IDENTIFIER_TAKEN, naming it), or one of a legal unit that an entity the caller does not administer holds
    /// identifiers of (LEGAL_UNIT_OUT_OF_SCOPE).
    /// </summary>
    public static async Task DemandAddableAsync(AdminTransaction tx, IReadOnlyCollection<PartyId> ids, Guid? entityId,
        Func<Guid, bool> callerAdministers, CancellationToken ct)
    {
        if (await FirstTakenAsync(tx, ids, entityId, ct) is { } taken)
            throw Taken(taken.Id, taken.Holder);
        if (await FirstLegalUnitHeldElsewhereAsync(tx, ids, entityId ?? Guid.Empty, callerAdministers, ct) is { } siren)
            throw LegalUnitHeldElsewhere(siren);
    }

    /// <summary>
    /// The first legal unit (SIREN) of <paramref name="ids"/> whose identifiers (the SIREN, its VAT number, SIRETs, 0225
    /// addresses) another entity holds that the caller does not administer. Resolution by SIREN or VAT number finds
    /// the entity holding SIRETs of it, so a SIREN or SIRET added beside another tenant's would take or split its invoices.
    /// </summary>
    private static async Task<string?> FirstLegalUnitHeldElsewhereAsync(AdminTransaction tx, IEnumerable<PartyId> ids, Guid entityId,
        Func<Guid, bool> callerAdministers, CancellationToken ct)
    {
        foreach (var siren in ids.Select(LegalUnit).OfType<PartyId>().Distinct())
        {
            var vat = siren.Equivalents().Single(e => e.Scheme == IdentifierScheme.FrenchVat);
            // Ranges and prefixes that hold under any collation (the key's need not be bytewise): a SIRET is the SIREN and
            // five digits; a 0225 address is the SIREN, alone or before '_' (few entities hold one: the scan of them is short).
            await using var cmd = tx.Command("""
                SELECT DISTINCT entity_id FROM entity_identifier
                WHERE entity_id <> $2 AND (
                    (icd = '0002' AND value = $1) OR (icd = '9957' AND value = $3)
                    OR (icd = '0009' AND value BETWEEN $1 || '00000' AND $1 || '99999')
                    OR (icd = '0225' AND left(value, 9) = $1 AND (length(value) = 9 OR substr(value, 10, 1) = '_')))
                """, siren.Value, entityId, vat.Value);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                if (!callerAdministers(reader.GetGuid(0)))
                    return siren.Value;
        }
        return null;
    }

    private static PartyId? LegalUnit(PartyId id)
    {
        foreach (var equivalent in id.Equivalents())
            if (equivalent.Scheme == IdentifierScheme.Siren && equivalent.Value.Length == 9)
                return equivalent;
        return null;
    }

    private static AdminRefusal LegalUnitHeldElsewhere(string siren) =>
        new(AdminRefusalKind.Forbidden, "LEGAL_UNIT_OUT_OF_SCOPE",
            $"Identifiers of SIREN {siren} belong to an entity you do not administer: a platform administrator attaches identifiers of a legal unit another entity holds.",
            ("siren", siren));

    public static AdminRefusal Taken(PartyId id, Guid holder) =>
        new(AdminRefusalKind.Conflict, "IDENTIFIER_TAKEN", $"{id} (or its equivalent) already belongs to entity {holder}: update that entity instead.",
            ("identifier", id.ToString()), ("holder_entity_id", holder.ToString()));
}
