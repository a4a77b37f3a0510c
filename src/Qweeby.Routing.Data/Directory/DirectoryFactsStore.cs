using Npgsql;
using Qweeby.Routing.Core.Directory;
using Qweeby.Routing.Core.Identifiers;
using Qweeby.Routing.Data.Addressing;

namespace Qweeby.Routing.Data.Directory;

/// <summary>The Postgres reads behind routing facts. One round trip each; the cache sits in front.</summary>
public sealed class DirectoryFactsStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// In one round trip: the owners of stored identifiers, the facts of those owners (what a resolution asks next),
    /// and, when <paramref name="lines"/> are asked, the current directory lines at those addresses of that SIREN. The
    /// owners are read off their facts, which list every identifier an entity holds.
    /// </summary>
    public async Task<OwnersWithFacts> FindOwnersWithFactsAsync(IReadOnlyCollection<PartyId> ids, LinesAsked? lines, CancellationToken ct)
    {
        await using var batch = dataSource.CreateBatch();
        if (ids.Count > 0)
            batch.BatchCommands.Add(EntitiesCommand(OwnedBy, IdentifierParameters(ids)));
        if (lines is not null)
            batch.BatchCommands.Add(DirectoryLineReader.CurrentAtCommand(lines.Siren, lines.Addresses));

        await using var reader = await batch.ExecuteReaderAsync(ct);
        Dictionary<Guid, EntityFacts> entities = [];
        if (ids.Count > 0)
        {
            entities = await ReadEntitiesAsync(reader, ct);
            await reader.NextResultAsync(ct);
        }
        var linesRead = lines is null ? null : await DirectoryLineReader.ReadCurrentAtAsync(reader, lines.Addresses, ct);
        var asked = ids.Select(id => id.ToString()).ToHashSet();
        var owners = entities.Values
            .SelectMany(e => e.Identifiers.Where(asked.Contains).Select(identifier => (identifier, e.EntityId)))
            .ToDictionary(p => p.identifier, p => p.EntityId);
        return new OwnersWithFacts(owners, entities, linesRead);
    }

    private const string IdentifierMatch = "JOIN unnest($1::text[], $2::text[]) AS q(icd, value) ON i.icd = q.icd AND i.value = q.value";

    private static NpgsqlParameter[] IdentifierParameters(IReadOnlyCollection<PartyId> ids) =>
        [new() { Value = ids.Select(i => i.Icd).ToArray() }, new() { Value = ids.Select(i => i.Value).ToArray() }];

    private static NpgsqlBatchCommand Command(string sql, NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    /// <summary>Entities holding a SIRET of this SIREN (at most a few: enough to tell one from several).</summary>
    public async Task<IReadOnlyList<Guid>> FindEstablishmentOwnersAsync(string siren, CancellationToken ct)
    {
        // A range, not LIKE: the primary key's collation need not support prefix matching.
        await using var cmd = dataSource.CreateCommand("""
            SELECT DISTINCT entity_id FROM entity_identifier
            WHERE icd = '0009' AND value BETWEEN $1 || '00000' AND $1 || '99999'
            LIMIT 10
            """);
        cmd.Parameters.Add(new() { Value = siren });
        var owners = new List<Guid>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            owners.Add(reader.GetGuid(0));
        return owners;
    }

    public async Task<Dictionary<Guid, EntityFacts>> LoadEntitiesAsync(IReadOnlyCollection<Guid> entityIds, CancellationToken ct)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(EntitiesCommand(WithId, [new() { Value = entityIds.ToArray() }]));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        return await ReadEntitiesAsync(reader, ct);
    }

    // Which entities EntitiesCommand reads: those with the ids in $1, or those owning the identifiers in ($1, $2).
    private const string WithId = "= ANY($1)";
    private const string OwnedBy = $"IN (SELECT i.entity_id FROM entity_identifier i {IdentifierMatch})";

    /// <summary>
    /// The entities' facts, registrations included, in one statement (read by <see cref="ReadEntitiesAsync"/>).
    /// Registrations come as an array of rows: as a statement of their own, matching the identifiers again,
    /// Postgres planned them anew on every execution (it judged the generic plan too costly), about 100 µs a read.
    /// </summary>
    private static NpgsqlBatchCommand EntitiesCommand(string selected, NpgsqlParameter[] parameters) =>
        Command($"""
            SELECT e.entity_id, e.kind, e.legal_name, e.country, e.status = 'active',
                   e.customer_directory_mode, e.supplier_directory_mode,
                   ARRAY(SELECT i.icd || ':' || i.value FROM entity_identifier i WHERE i.entity_id = e.entity_id
                         ORDER BY array_position(ARRAY['0009','0002','9957','0225','0088','0060'], i.icd) NULLS LAST, i.icd, i.value),
                   EXISTS (SELECT 1 FROM contact c WHERE c.entity_id = e.entity_id AND c.role = 'administrator' AND c.status = 'active'),
                   ARRAY(SELECT ROW(r.provider_id, r.document_types, r.is_default) FROM provider_registration r
                         WHERE r.entity_id = e.entity_id ORDER BY r.registered_at, r.provider_id)
            FROM entity e WHERE e.entity_id {selected}
            """, parameters);

    private static async Task<Dictionary<Guid, EntityFacts>> ReadEntitiesAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        var entities = new Dictionary<Guid, EntityFacts>();
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetGuid(0);
            entities[id] = new EntityFacts(
                id, DirectoryCodes.Kind(reader.GetString(1)), reader.GetString(2), reader.GetString(3).Trim(),
                reader.GetBoolean(4), reader.GetFieldValue<string[]>(7), reader.GetBoolean(8),
                DirectoryCodes.Mode(reader.GetString(5)), DirectoryCodes.Mode(reader.GetString(6)),
                Array.ConvertAll(reader.GetFieldValue<object[][]>(9), r => new ProviderRegistration((string)r[0], (string[])r[1], (bool)r[2])));
        }
        return entities;
    }

    public async Task<RelationFacts> LoadRelationAsync(Guid senderId, Guid recipientId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT ce.entry_id, ce.status = 'active', ce.pinned_provider_id,
                   (SELECT state FROM consent WHERE supplier_id = $1 AND customer_id = $2),
                   (SELECT state FROM supplier_approval WHERE receiver_id = $2 AND supplier_id = $1),
                   (SELECT state FROM routing_activation WHERE supplier_id = $1 AND customer_id = $2)
            FROM (SELECT 1) AS one
            LEFT JOIN customer_entry ce ON ce.supplier_id = $1 AND ce.customer_id = $2
            """);
        cmd.Parameters.Add(new() { Value = senderId });
        cmd.Parameters.Add(new() { Value = recipientId });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var entry = reader.IsDBNull(0) ? null
            : new CustomerEntryFacts(reader.GetGuid(0), reader.GetBoolean(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        return new RelationFacts(
            entry,
            reader.IsDBNull(3) ? null : DirectoryCodes.Consent(reader.GetString(3)),
            reader.IsDBNull(4) ? null : DirectoryCodes.Approval(reader.GetString(4)))
        {
            Activation = reader.IsDBNull(5) ? null : DirectoryCodes.Activation(reader.GetString(5)),
        };
    }

    /// <summary>The customer a sender's customer number designates, or null.</summary>
    public async Task<Guid?> FindCustomerNumberAsync(Guid senderId, CustomerNumber number, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT ce.customer_id FROM customer_number cn JOIN customer_entry ce USING (entry_id)
            WHERE cn.supplier_id = $1 AND cn.number = $2
            """);
        cmd.Parameters.Add(new() { Value = senderId });
        cmd.Parameters.Add(new() { Value = number.Value });
        return await cmd.ExecuteScalarAsync(ct) is Guid id ? id : null;
    }

    public async Task<IReadOnlyList<ProviderFacts>> LoadProvidersAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            "SELECT provider_id, name, endpoint, channel, status = 'active' FROM service_provider ORDER BY provider_id");
        var providers = new List<ProviderFacts>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            providers.Add(new ProviderFacts(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                DirectoryCodes.Channel(reader.GetString(3)), reader.GetBoolean(4)));
        return providers;
    }
}
