using Npgsql;

namespace Qweeby.Routing.Data.Directory;

/// <summary>
/// Name search by occurrence: case- and accent-insensitive, anywhere in the name. Ranked by class (exact name,
/// then prefix, then word start, then elsewhere), then by trigram similarity. The classes but the last are
/// matches at a word start, which the word index finds (migration 0010); only when they do not fill the page
/// is the whole ranking asked of the trigram index, which also finds fragments inside words.
/// </summary>
public sealed class NameSearch(NpgsqlDataSource dataSource)
{
    // Each candidate's folded name and similarity computed once (materialized: inlined, they would be computed
    // again in every expression naming them).
    private const string Ranked = """
        , folded AS MATERIALIZED (
            SELECT c.entity_id, c.legal_name, search_fold(c.legal_name) AS name FROM candidates c),
        ranked AS MATERIALIZED (
            SELECT f.entity_id, f.legal_name, similarity(f.name, q.term) AS similarity,
                   CASE WHEN f.name = q.term THEN 3
                        WHEN f.name LIKE q.pattern || '%' THEN 2
                        WHEN f.name LIKE '% ' || q.pattern || '%' THEN 1
                        ELSE 0 END AS class
            FROM folded f, q WHERE f.name LIKE '%' || q.pattern || '%')
        SELECT entity_id, class + similarity AS score FROM ranked
        WHERE class >= $4
        ORDER BY class DESC, similarity DESC, legal_name, entity_id
        LIMIT $2 OFFSET $3
        """;

    private const string Query = """
        WITH q AS (
            SELECT search_fold($1) AS term,
                   replace(replace(replace(search_fold($1), '\', '\\'), '%', '\%'), '_', '\_') AS pattern,
                   string_to_array(search_fold($1), ' ') AS words)
        """;

    // The fragment's lexemes in the word index, all required: its one word as a prefix, or each pair of adjacent
    // words, the last pair's second word as a prefix. Words are split and cut as search_words (migration 0010)
    // splits names: the two must agree. Quoted, so no character of the fragment is an operator.
    private const string ByWords = Query + """
        , fragment AS (
            SELECT ARRAY(SELECT left(w, 120) FROM unnest(q.words) w WHERE w <> '') AS words FROM q),
        lexemes AS (
            SELECT words[1] AS lexeme, true AS last FROM fragment WHERE cardinality(words) = 1
            UNION ALL
            SELECT words[i] || ' ' || words[i + 1], i + 1 = cardinality(words)
            FROM fragment, generate_subscripts(words, 1) i WHERE i < cardinality(words)),
        words AS (
            SELECT string_agg('''' || replace(replace(lexeme, '\', '\\'), '''', '''''') || ''''
                              || CASE WHEN last THEN ':*' ELSE '' END, ' & ')::tsquery AS query
            FROM lexemes),
        candidates AS (
            SELECT e.entity_id, e.legal_name FROM entity e, words WHERE search_words(e.legal_name) @@ words.query)
        """ + Ranked;

    private const string ByTrigrams = Query + """
        , candidates AS (SELECT e.entity_id, e.legal_name FROM entity e, q WHERE search_fold(e.legal_name) LIKE '%' || q.pattern || '%')
        """ + Ranked;

    public async Task<IReadOnlyList<(Guid EntityId, double Score)>> FindAsync(string fragment, int limit, int offset, CancellationToken ct)
    {
        // A page of word-start matches is the page: every other match ranks below them all.
        var hits = await FindAsync(ByWords, fragment, limit, offset, minimumClass: 1, ct);
        return hits.Count == limit ? hits : await FindAsync(ByTrigrams, fragment, limit, offset, minimumClass: 0, ct);
    }

    private async Task<List<(Guid, double)>> FindAsync(string sql, string fragment, int limit, int offset, int minimumClass, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.Add(new() { Value = fragment });
        cmd.Parameters.Add(new() { Value = limit });
        cmd.Parameters.Add(new() { Value = offset });
        cmd.Parameters.Add(new() { Value = minimumClass });
        var hits = new List<(Guid, double)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            hits.Add((reader.GetGuid(0), reader.GetDouble(1)));
        return hits;
    }
}
