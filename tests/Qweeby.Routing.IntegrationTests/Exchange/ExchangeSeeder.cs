using System.Security.Cryptography;
using Npgsql;
using Qweeby.Routing.Core.Identifiers;

namespace Qweeby.Routing.IntegrationTests.Exchange;

/// <summary>
/// Directory rows for exchange tests, written in SQL before any host reads them (fresh identifiers,
/// providers before the hosts start), so no cache holds an older answer. Works with no host running.
/// </summary>
public sealed class ExchangeSeeder(NpgsqlDataSource db)
{
    public Task ProviderAsync(string id, string channel, string endpoint, byte[]? clientCertificate = null) => ExecAsync("""
        INSERT INTO service_provider (provider_id, name, endpoint, channel, client_cert_subject, client_cert_sha256)
        VALUES ($1, $2, $3, $4, $5, $6)
        """, id, $"Access point {id}", endpoint, channel, clientCertificate is null ? DBNull.Value : $"CN={id}",
        clientCertificate is null ? DBNull.Value : Convert.ToHexStringLower(SHA256.HashData(clientCertificate)));

    /// <summary>An active company with an administrator, identified by <paramref name="siret"/>, registered at <paramref name="provider"/> if given.</summary>
    public async Task<Guid> CompanyAsync(string name, string siret, string? provider = null)
    {
        var id = Guid.NewGuid();
        var parsed = PartyId.Parse(siret);
        await ExecAsync("INSERT INTO entity (entity_id, kind, legal_name, country) VALUES ($1, 'company', $2, 'FR')", id, name);
        await ExecAsync("INSERT INTO entity_identifier (icd, value, entity_id) VALUES ($1, $2, $3)", parsed.Icd, parsed.Value, id);
        await ExecAsync("INSERT INTO contact (contact_id, entity_id, last_name, email, role) VALUES ($1, $2, 'Admin', $3, 'administrator')",
            Guid.NewGuid(), id, $"admin-{id:N}@test.example");
        if (provider is not null)
            await ExecAsync("INSERT INTO provider_registration (entity_id, provider_id, is_default) VALUES ($1, $2, true)", id, provider);
        return id;
    }

    public Task CloseSupplierDirectoryAsync(Guid entityId) =>
        ExecAsync("UPDATE entity SET supplier_directory_mode = 'closed' WHERE entity_id = $1", entityId);

    public async Task<long> CountAsync(string sql, params object[] args)
    {
        await using var cmd = Command(sql, args);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    public async Task<T?> ScalarAsync<T>(string sql, params object[] args)
    {
        await using var cmd = Command(sql, args);
        var value = await cmd.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }

    /// <summary>Lifecycle codes in timeline order, of the rows <paramref name="where"/> picks ($1 is <paramref name="id"/>).</summary>
    public async Task<int[]> CodesAsync(string where, Guid id) =>
        await ScalarAsync<int[]>($"SELECT array_agg(code::int ORDER BY row_id) FROM lifecycle_status WHERE {where}", id) ?? [];

    public async Task ExecAsync(string sql, params object[] args)
    {
        await using var cmd = Command(sql, args);
        await cmd.ExecuteNonQueryAsync();
    }

    private NpgsqlCommand Command(string sql, object[] args)
    {
        var cmd = db.CreateCommand(sql);
        foreach (var arg in args)
            cmd.Parameters.Add(new NpgsqlParameter { Value = arg });
        return cmd;
    }
}
