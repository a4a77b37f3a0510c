using NpgsqlTypes;
using Qweeby.Routing.Data.Cache;
using Qweeby.Routing.Data.Directory;

namespace Qweeby.Routing.Data.Admin;

/// <summary>One batch of an entity import, applied set-wise inside the caller's transaction.</summary>
internal static class EntityImportBatch
{
    public static async Task<(int Created, IReadOnlyList<ImportRowRejection> Rejected)> ApplyAsync(
        AdminTransaction tx, IReadOnlyList<ImportRow> rows, bool multiAccount, CancellationToken ct)
    {
        await tx.ExecAsync("""
            CREATE TEMP TABLE entity_stage (
                row_no int, entity_id uuid, kind text, legal_name text, country text, icds text[], ids text[],
                key_icds text[], key_ids text[], key_fields text[], last_name text, first_name text, email text) ON COMMIT DROP
            """, ct);
        var ids = rows.ToDictionary(r => r.Row, _ => Guid.NewGuid());
        await CopyAsync(tx, rows, ids, ct);

        var rejected = new List<ImportRowRejection>();
        rejected.AddRange(await RejectAsync(tx, """
            SELECT DISTINCT ON (s.row_no, k.field) s.row_no, k.field, 'IDENTIFIER_TAKEN', k.icd || ':' || k.value, i.entity_id
            FROM entity_stage s, unnest(s.key_icds, s.key_ids, s.key_fields) AS k(icd, value, field)
            JOIN entity_identifier i ON i.icd = k.icd AND i.value = k.value
            ORDER BY s.row_no, k.field
            """, "{0} (or its equivalent) already belongs to entity {1}: not imported again.", ct));
        rejected.AddRange(await RejectAsync(tx, """
            SELECT DISTINCT ON (row_no, field) row_no, field, 'DUPLICATE_IN_FILE', key, NULL::uuid, first_row FROM (
                SELECT s.row_no, k.field, k.icd || ':' || k.value AS key, min(s.row_no) OVER (PARTITION BY k.icd, k.value) AS first_row
                FROM entity_stage s, unnest(s.key_icds, s.key_ids, s.key_fields) AS k(icd, value, field)) d
            WHERE row_no > first_row ORDER BY row_no, field
            """, "{0} (or its equivalent) is already in row {2} of this file.", ct));
        if (!multiAccount)
        {
            rejected.AddRange(await RejectAsync(tx, """
                SELECT DISTINCT ON (s.row_no) s.row_no, 'contact_email', 'EMAIL_TAKEN', s.email, c.entity_id
                FROM entity_stage s JOIN contact c ON lower(c.email) = lower(s.email) AND NOT c.multi_account
                ORDER BY s.row_no
                """, "{0} is already the e-mail of a contact of entity {1}: one e-mail belongs to one contact (import with multi-account mode for an accountant's clients).", ct));
            rejected.AddRange(await RejectAsync(tx, """
                SELECT row_no, 'contact_email', 'DUPLICATE_IN_FILE', email, NULL::uuid, first_row FROM (
                    SELECT row_no, email, min(row_no) OVER (PARTITION BY lower(email)) AS first_row FROM entity_stage WHERE email IS NOT NULL) d
                WHERE row_no > first_row
                """, "{0} is already the e-mail of row {2} of this file.", ct));
        }
        var rejectedRows = rejected.Select(r => r.Row).Distinct().ToArray();
        await tx.ExecAsync("DELETE FROM entity_stage WHERE row_no = ANY($1)", ct, rejectedRows);

        var created = await tx.ExecAsync("""
            INSERT INTO entity (entity_id, kind, legal_name, country, multi_account, created_at, updated_at)
            SELECT entity_id, kind, legal_name, country, $1, $2, $2 FROM entity_stage
            """, ct, multiAccount, tx.At);
        await tx.ExecAsync("""
            INSERT INTO entity_identifier (icd, value, entity_id)
            SELECT DISTINCT k.icd, k.value, s.entity_id FROM entity_stage s, unnest(s.icds, s.ids) AS k(icd, value)
            """, ct);
        await tx.ExecAsync("""
            INSERT INTO contact (contact_id, entity_id, last_name, first_name, email, role, multi_account, registered_at)
            SELECT gen_random_uuid(), entity_id, last_name, coalesce(first_name, ''), email, 'administrator', $1, $2 FROM entity_stage WHERE email IS NOT NULL
            """, ct, multiAccount, tx.At);
        await tx.ExecAsync("""
            INSERT INTO admin_audit (occurred_at, actor, action, entity_id, subject, before, after)
            SELECT $1, $2, 'entity.import', entity_id, 'entity:' || entity_id, NULL,
                   jsonb_build_object('row', row_no, 'kind', kind, 'legal_name', legal_name, 'country', country,
                                      'identifiers', (SELECT array_agg(DISTINCT i || ':' || v) FROM unnest(icds, ids) AS k(i, v)),
                                      'administrator_email', email, 'multi_account', $3::boolean)
            FROM entity_stage
            """, ct, tx.At, tx.Actor, multiAccount);

        var kept = rows.Where(r => !rejectedRows.Contains(r.Row)).ToList();
        tx.Changes(kept.Select(r => CacheKeys.Entity(ids[r.Row])).Concat(kept.SelectMany(r => r.Identifiers.SelectMany(i => CacheKeys.AffectedByIdentifier(i.Id)))));
        return (created, rejected);
    }

    private static async Task CopyAsync(AdminTransaction tx, IReadOnlyList<ImportRow> rows, Dictionary<int, Guid> ids, CancellationToken ct)
    {
        await using var writer = await tx.Connection.BeginBinaryImportAsync("""
            COPY entity_stage (row_no, entity_id, kind, legal_name, country, icds, ids, key_icds, key_ids, key_fields, last_name, first_name, email)
            FROM STDIN (FORMAT BINARY)
            """, ct);
        const NpgsqlDbType TextArray = NpgsqlDbType.Array | NpgsqlDbType.Text;
        foreach (var row in rows)
        {
            var keys = row.Identifiers.SelectMany(i => IdentifierConflicts.Keys(i.Id).Select(k => (Key: k, i.Field))).DistinctBy(k => k.Key).ToList();
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(row.Row, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(ids[row.Row], NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(DirectoryCodes.Code(row.Kind), NpgsqlDbType.Text, ct);
            await writer.WriteAsync(row.LegalName, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(row.Country, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(row.Identifiers.Select(i => i.Id.Icd).ToArray(), TextArray, ct);
            await writer.WriteAsync(row.Identifiers.Select(i => i.Id.Value).ToArray(), TextArray, ct);
            await writer.WriteAsync(keys.Select(k => k.Key.Icd).ToArray(), TextArray, ct);
            await writer.WriteAsync(keys.Select(k => k.Key.Value).ToArray(), TextArray, ct);
            await writer.WriteAsync(keys.Select(k => k.Field).ToArray(), TextArray, ct);
            foreach (var value in new[] { row.Contact?.LastName, row.Contact?.FirstName, row.Contact?.Email })
            {
                if (value is null)
                    await writer.WriteNullAsync(ct);
                else
                    await writer.WriteAsync(value, NpgsqlDbType.Text, ct);
            }
        }
        await writer.CompleteAsync(ct);
    }

    /// <summary>Rows a query finds, as rejections: columns row, field, reason, {0}, {1} holder uuid, optional {2} earlier row.</summary>
    private static async Task<List<ImportRowRejection>> RejectAsync(AdminTransaction tx, string sql, string description, CancellationToken ct)
    {
        var found = new List<ImportRowRejection>();
        await using var cmd = tx.Command(sql);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            Guid? holder = reader.IsDBNull(4) ? null : reader.GetGuid(4);
            var earlier = reader.FieldCount > 5 ? reader.GetInt32(5) : 0;
            found.Add(new ImportRowRejection(reader.GetInt32(0), reader.GetString(1), reader.GetString(2),
                string.Format(System.Globalization.CultureInfo.InvariantCulture, description, reader.GetString(3), holder, earlier), holder));
        }
        return found;
    }
}
