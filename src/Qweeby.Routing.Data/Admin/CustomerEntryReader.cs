using Npgsql;

namespace Qweeby.Routing.Data.Admin;

/// <summary>Reads customer-directory entries with their customer's name, identifiers and numbers.</summary>
public sealed class CustomerEntryReader(NpgsqlDataSource dataSource)
{
    internal const string Select = """
        SELECT ce.entry_id, ce.supplier_id, ce.customer_id, e.legal_name,
               ARRAY(SELECT i.icd || ':' || i.value FROM entity_identifier i WHERE i.entity_id = ce.customer_id ORDER BY 1),
               ce.status = 'active', ARRAY(SELECT n.number FROM customer_number n WHERE n.entry_id = ce.entry_id ORDER BY 1),
               ce.pinned_provider_id, ce.created_at, ce.updated_at
        FROM customer_entry ce JOIN entity e ON e.entity_id = ce.customer_id
        """;

    /// <summary>A page of a supplier's entries, by customer name.</summary>
    public async Task<(IReadOnlyList<CustomerEntryRecord> Items, bool More)> ListAsync(Guid supplierId, CustomerFilter filter, int offset, int limit, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"""
            {Select}
            WHERE ce.supplier_id = $1
              AND ($2::uuid[] IS NULL OR ce.customer_id = ANY($2))
              AND ($3::text IS NULL AND $4::text IS NULL
                   OR EXISTS (SELECT 1 FROM customer_number n WHERE n.supplier_id = $1 AND n.number = $3 AND n.entry_id = ce.entry_id)
                   OR search_fold(e.legal_name) LIKE '%' || search_fold($4) || '%')
            ORDER BY search_fold(e.legal_name), ce.entry_id OFFSET $5 LIMIT $6
            """).With(supplierId, filter.CustomerIds?.ToArray(), filter.Number, filter.NameFragment, offset, limit + 1);
        var items = await ReadAllAsync(cmd, ct);
        return (items.Take(limit).ToList(), items.Count > limit);
    }

    internal static async Task<CustomerEntryRecord?> ReadOneAsync(AdminTransaction tx, Guid supplierId, Guid customerId, CancellationToken ct)
    {
        await using var cmd = tx.Command($"{Select} WHERE ce.supplier_id = $1 AND ce.customer_id = $2", supplierId, customerId);
        return (await ReadAllAsync(cmd, ct)).SingleOrDefault();
    }

    private static async Task<List<CustomerEntryRecord>> ReadAllAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var items = new List<CustomerEntryRecord>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            items.Add(new CustomerEntryRecord(reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetString(3),
                reader.GetFieldValue<string[]>(4), reader.GetBoolean(5), reader.GetFieldValue<string[]>(6), reader.NullableString(7),
                reader.Time(8), reader.Time(9)));
        return items;
    }
}
