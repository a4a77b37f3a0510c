using Npgsql;
using Qweeby.Routing.Data.Cache;
using Qweeby.Routing.Data.Directory;

namespace Qweeby.Routing.Data.Admin;

/// <summary>
/// Service providers and entities' registrations at them. Provider changes invalidate the provider list every
/// resolution reads; registration changes the entity's facts. A certificate or suspension change reaches partner
/// authentication within Security:CredentialCacheSeconds.
/// </summary>
public sealed class ProviderStore(NpgsqlDataSource dataSource, AdminWrites writes)
{
    private const string Select = """
        SELECT provider_id, name, endpoint, channel, status = 'active', client_cert_sha256, client_cert_subject, created_at, updated_at FROM service_provider
        """;

    public async Task<IReadOnlyList<ProviderRecord>> ListAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"{Select} ORDER BY provider_id");
        return await ReadAllAsync(cmd, ct);
    }

    public Task<ProviderRecord> RegisterAsync(ProviderDraft provider, string actor, CancellationToken ct) =>
        writes.RunAsync(actor, async (tx, c) =>
        {
            if (await tx.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM service_provider WHERE provider_id = $1)", c, provider.ProviderId))
                throw new AdminRefusal(AdminRefusalKind.Conflict, "PROVIDER_EXISTS", $"Provider '{provider.ProviderId}' is already registered: update it instead.",
                    ("provider_id", provider.ProviderId));
            await DemandCertificateFreeAsync(tx, provider, c);
            await tx.ExecAsync("""
                INSERT INTO service_provider (provider_id, name, endpoint, channel, client_cert_sha256, client_cert_subject, created_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
                """, c, provider.ProviderId, provider.Name, provider.Endpoint, DirectoryCodes.Code(provider.Channel!.Value),
                NullIfEmpty(provider.ClientCertSha256), NullIfEmpty(provider.ClientCertSubject), tx.At);
            return await AuditedAsync(tx, "provider.register", provider.ProviderId, null, c);
        }, ct);

    public Task<ProviderRecord> UpdateAsync(ProviderDraft changes, string actor, CancellationToken ct) =>
        ChangeAsync(changes.ProviderId, "provider.update", actor, async (tx, c) =>
        {
            await DemandCertificateFreeAsync(tx, changes, c);
            await tx.ExecAsync("""
                UPDATE service_provider SET name = coalesce($2, name), endpoint = coalesce($3, endpoint), channel = coalesce($4, channel),
                    client_cert_sha256 = CASE WHEN $5::text IS NULL THEN client_cert_sha256 ELSE nullif($5, '') END,
                    client_cert_subject = CASE WHEN $6::text IS NULL THEN client_cert_subject ELSE nullif($6, '') END
                WHERE provider_id = $1
                """, c, changes.ProviderId, changes.Name, changes.Endpoint, changes.Channel is { } ch ? DirectoryCodes.Code(ch) : null,
                changes.ClientCertSha256, changes.ClientCertSubject);
        }, ct);

    public Task<ProviderRecord> SetActiveAsync(string providerId, bool active, string actor, CancellationToken ct) =>
        ChangeAsync(providerId, active ? "provider.reactivate" : "provider.suspend", actor,
            (tx, c) => tx.ExecAsync("UPDATE service_provider SET status = $2 WHERE provider_id = $1", c, providerId, active ? "active" : "suspended"), ct);

    /// <summary>Registers an entity at a provider (again: its document types replaced). The first registration is the default.</summary>
    public Task<EntityRecord> RegisterEntityAsync(Guid entityId, string providerId, IReadOnlyList<string> documentTypes, bool isDefault, string actor, CancellationToken ct) =>
        ChangeRegistrationsAsync(entityId, providerId, "registration.add", actor, async (tx, c) =>
        {
            if (!await tx.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM contact WHERE entity_id = $1 AND role = 'administrator' AND status = 'active')", c, entityId))
                throw new AdminRefusal(AdminRefusalKind.Precondition, "ADMINISTRATOR_CONTACT_REQUIRED",
                    $"Entity {entityId} has no administrator contact: a receiving entity needs one. Add a contact first.", ("entity_id", entityId.ToString()));
            var first = !await tx.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM provider_registration WHERE entity_id = $1 AND provider_id <> $2)", c, entityId, providerId);
            await tx.ExecAsync("""
                INSERT INTO provider_registration (entity_id, provider_id, document_types, registered_at) VALUES ($1, $2, $3, clock_timestamp())
                ON CONFLICT (entity_id, provider_id) DO UPDATE SET document_types = excluded.document_types
                """, c, entityId, providerId, documentTypes.ToArray());
            if (isDefault || first)
                await MakeDefaultAsync(tx, entityId, providerId, c);
        }, ct);

    public Task<EntityRecord> SetDefaultAsync(Guid entityId, string providerId, string actor, CancellationToken ct) =>
        ChangeRegistrationsAsync(entityId, providerId, "registration.default", actor, async (tx, c) =>
        {
            if (!await tx.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM provider_registration WHERE entity_id = $1 AND provider_id = $2)", c, entityId, providerId))
                throw new AdminRefusal(AdminRefusalKind.NotFound, "REGISTRATION_NOT_FOUND",
                    $"Entity {entityId} is not registered at {providerId}: register it there first.", ("entity_id", entityId.ToString()), ("provider_id", providerId));
            await MakeDefaultAsync(tx, entityId, providerId, c);
        }, ct);

    private static async Task MakeDefaultAsync(AdminTransaction tx, Guid entityId, string providerId, CancellationToken ct)
    {
        // Two statements: the partial unique index allows one default at a time, checked per statement.
        await tx.ExecAsync("UPDATE provider_registration SET is_default = false WHERE entity_id = $1 AND provider_id <> $2 AND is_default", ct, entityId, providerId);
        await tx.ExecAsync("UPDATE provider_registration SET is_default = true WHERE entity_id = $1 AND provider_id = $2", ct, entityId, providerId);
    }

    private Task<EntityRecord> ChangeRegistrationsAsync(Guid entityId, string providerId, string action, string actor,
        Func<AdminTransaction, CancellationToken, Task> change, CancellationToken ct) =>
        writes.RunAsync(actor, async (tx, c) =>
        {
            if (!await tx.ScalarAsync<bool>("SELECT true FROM entity WHERE entity_id = $1 FOR UPDATE", c, entityId))
                throw AdminRefusal.EntityNotFound(entityId);
            if (!await tx.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM service_provider WHERE provider_id = $1)", c, providerId))
                throw AdminRefusal.ProviderNotFound(providerId);
            var before = await tx.SnapshotAsync(AuditSnapshots.Entity, c, entityId);
            await change(tx, c);
            tx.Changes(CacheKeys.Entity(entityId));
            await tx.AuditAsync(action, entityId, $"entity:{entityId}", before, await tx.SnapshotAsync(AuditSnapshots.Entity, c, entityId), c);
            return await EntityReader.ReadAsync(tx, entityId, c);
        }, ct);

    private Task<ProviderRecord> ChangeAsync(string providerId, string action, string actor, Func<AdminTransaction, CancellationToken, Task> change, CancellationToken ct) =>
        writes.RunAsync(actor, async (tx, c) =>
        {
            var before = await tx.SnapshotAsync(AuditSnapshots.Provider, c, providerId) ?? throw AdminRefusal.ProviderNotFound(providerId);
            await change(tx, c);
            await tx.ExecAsync("UPDATE service_provider SET updated_at = $2 WHERE provider_id = $1", c, providerId, tx.At);
            return await AuditedAsync(tx, action, providerId, before, c);
        }, ct);

    private static async Task<ProviderRecord> AuditedAsync(AdminTransaction tx, string action, string providerId, string? before, CancellationToken ct)
    {
        tx.Changes(CacheKeys.Providers());
        await tx.AuditAsync(action, null, $"provider:{providerId}", before, await tx.SnapshotAsync(AuditSnapshots.Provider, ct, providerId), ct);
        await using var cmd = tx.Command($"{Select} WHERE provider_id = $1", providerId);
        return (await ReadAllAsync(cmd, ct)).Single();
    }

    private static async Task DemandCertificateFreeAsync(AdminTransaction tx, ProviderDraft provider, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(provider.ClientCertSha256))
            return;
        var holder = await tx.ScalarAsync<string>("SELECT provider_id FROM service_provider WHERE client_cert_sha256 = $1 AND provider_id <> $2", ct,
            provider.ClientCertSha256, provider.ProviderId);
        if (holder is not null)
            throw new AdminRefusal(AdminRefusalKind.Conflict, "CERTIFICATE_TAKEN",
                $"This client certificate is already registered to provider '{holder}': one certificate identifies one provider.",
                ("holder_provider_id", holder));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static async Task<List<ProviderRecord>> ReadAllAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var items = new List<ProviderRecord>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            items.Add(new ProviderRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), DirectoryCodes.Channel(reader.GetString(3)),
                reader.GetBoolean(4), reader.NullableString(5), reader.NullableString(6), reader.Time(7), reader.Time(8)));
        return items;
    }
}
