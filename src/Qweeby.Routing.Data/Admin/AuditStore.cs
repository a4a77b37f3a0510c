using Npgsql;

namespace Qweeby.Routing.Data.Admin;

/// <summary>Reads the admin audit (written by each change through <see cref="AdminTransaction.AuditAsync"/>).</summary>
public sealed class AuditStore(NpgsqlDataSource dataSource)
{
    /// <summary>A page, newest first (by audit id: the order changes committed their rows), and whether more follow.</summary>
    public async Task<(IReadOnlyList<AuditRecord> Items, bool More)> ListAsync(AuditFilter filter, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT audit_id, occurred_at, actor, action, entity_id, subject, before::text, after::text FROM admin_audit
            WHERE ($1::uuid IS NULL OR entity_id = $1) AND ($2::text IS NULL OR actor = $2)
              AND ($3::timestamptz IS NULL OR occurred_at >= $3) AND ($4::timestamptz IS NULL OR occurred_at < $4)
              AND ($5::bigint IS NULL OR audit_id < $5)
            ORDER BY audit_id DESC LIMIT $6
            """).With(filter.EntityId, filter.Actor, filter.Since, filter.Until, filter.BeforeId, filter.Limit + 1);
        var items = new List<AuditRecord>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            items.Add(new AuditRecord(reader.GetInt64(0), reader.Time(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetGuid(4), reader.GetString(5), reader.NullableString(6), reader.NullableString(7)));
        return (items.Take(filter.Limit).ToList(), items.Count > filter.Limit);
    }
}
