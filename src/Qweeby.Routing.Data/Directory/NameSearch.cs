using Npgsql;

namespace Qweeby.Routing.Data.Directory;

/// <summary>
/// Name search by occurrence: case- and accent-insensitive, anywhere in the name, served by the trigram
/// index on search_fold(legal_name). Ranked: exact name, then prefix, then word start, then elsewhere;
/// within a class by trigram similarity.
/// </summary>
public sealed class NameSearch(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<(Guid EntityId, double Score)>> FindAsync(string fragment, int limit, int offset, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            WITH q AS (
                SELECT search_fold($1) AS term,
                       replace(replace(replace(search_fold($1), '\', '\\'), '%', '\%'), '_', '\_') AS pattern)
            SELECT e.entity_id,
                   CASE WHEN search_fold(e.legal_name) = q.term THEN 3
                        WHEN search_fold(e.legal_name) LIKE q.pattern || '%' THEN 2
                        WHEN search_fold(e.legal_name) LIKE '% ' || q.pattern || '%' THEN 1
                        ELSE 0 END
                   + similarity(search_fold(e.legal_name), q.term) AS score
            FROM entity e, q
            WHERE search_fold(e.legal_name) LIKE '%' || q.pattern || '%'
            ORDER BY score DESC, e.legal_name, e.entity_id
            LIMIT $2 OFFSET $3
            """);
        cmd.Parameters.Add(new() { Value = fragment });
        cmd.Parameters.Add(new() { Value = limit });
        cmd.Parameters.Add(new() { Value = offset });
        var hits = new List<(Guid, double)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            hits.Add((reader.GetGuid(0), reader.GetDouble(1)));
        return hits;
    }
}
