using Npgsql;
using Qweeby.Routing.Core.Identifiers;

namespace Qweeby.Routing.Data.Admin;

/// <summary>Which entity an admin request names, read straight from Postgres (admin answers must be exact).</summary>
public sealed class EntityLookup(NpgsqlDataSource dataSource)
{
    public async Task<bool> ExistsAsync(Guid entityId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM entity WHERE entity_id = $1)").With(entityId);
        return await cmd.ExecuteScalarAsync(ct) is true;
    }

    /// <summary>
    /// The entities an identifier designates, as resolution finds them: the owner of the identifier or of its
    /// first equivalent held, else for a SIREN the entities holding its SIRETs (several: ambiguous).
    /// </summary>
    public async Task<IReadOnlyList<Guid>> FindAsync(PartyId id, CancellationToken ct)
    {
        var keys = id.Equivalents();
        await using (var cmd = dataSource.CreateCommand("""
            SELECT i.entity_id FROM entity_identifier i
            JOIN unnest($1::text[], $2::text[]) WITH ORDINALITY AS q(icd, value, n) ON i.icd = q.icd AND i.value = q.value
            ORDER BY q.n LIMIT 1
            """).With(keys.Select(k => k.Icd).ToArray(), keys.Select(k => k.Value).ToArray()))
        {
            if (await cmd.ExecuteScalarAsync(ct) is Guid owner)
                return [owner];
        }
        var siren = keys.FirstOrDefault(k => k.Scheme == IdentifierScheme.Siren);
        if (siren == default)
            return [];
        await using var establishments = dataSource.CreateCommand("""
            SELECT DISTINCT entity_id FROM entity_identifier
            WHERE icd = '0009' AND value BETWEEN $1 || '00000' AND $1 || '99999' LIMIT 10
            """).With(siren.Value);
        var owners = new List<Guid>();
        await using var reader = await establishments.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            owners.Add(reader.GetGuid(0));
        return owners;
    }
}
