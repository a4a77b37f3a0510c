using Qweeby.Routing.Core.Identifiers;
using Qweeby.Routing.Data.Cache;
using Qweeby.Routing.Data.Directory;

namespace Qweeby.Routing.Data.Admin;

/// <summary>
/// Entities and contacts. Entities are never deleted. Every change invalidates the entity's cached facts (status,
/// names, identifiers, administrator-contact flag) and the identifiers it adds or removes.
/// </summary>
public sealed class EntityStore(AdminWrites writes)
{
    /// <summary>
    /// Identifiers one entity may hold: every reply naming the entity (Resolve, Search, listings, audit snapshots)
    /// carries them all. Establishments with SIRETs of their own are entities of their own.
    /// </summary>
    public const int MaxIdentifiersPerEntity = 100;

    /// <param name="callerAdministers">
    /// Whether the caller administers an entity: a refusal names another entity only then, and identifiers of another
    /// entity's legal unit are taken only then (<see cref="IdentifierConflicts.DemandAddableAsync"/>).
    /// </param>
    public Task<EntityRecord> CreateAsync(NewEntity entity, string actor, Func<Guid, bool> callerAdministers, CancellationToken ct) =>
        writes.RunAsync(actor, async (tx, c) =>
        {
            await IdentifierConflicts.DemandAddableAsync(tx, entity.Identifiers, null, callerAdministers, c);
            var id = Guid.NewGuid();
            await tx.ExecAsync("""
                INSERT INTO entity (entity_id, kind, legal_name, country, multi_account, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)
                """, c, id, DirectoryCodes.Code(entity.Kind), entity.LegalName, entity.Country, entity.MultiAccount, tx.At);
            await InsertIdentifiersAsync(tx, id, entity.Identifiers, c);
            foreach (var contact in entity.Contacts)
                await ContactRules.AddAsync(tx, id, contact, entity.MultiAccount, callerAdministers, c);
            tx.Changes([CacheKeys.Entity(id), .. entity.Identifiers.SelectMany(CacheKeys.AffectedByIdentifier)]);
            await tx.AuditAsync("entity.create", id, $"entity:{id}", null, await tx.SnapshotAsync(AuditSnapshots.Entity, c, id), c);
            return await EntityReader.ReadAsync(tx, id, c);
        }, ct);

    /// <param name="callerAdministers">
    /// Whether the caller administers an entity: identifiers of a legal unit (SIREN) another entity holds identifiers of
    /// are added only by a caller administering that one too (a platform administrator builds a company's legal unit and
    /// establishments as entities of their own).
    /// </param>
    public Task<EntityRecord> UpdateAsync(Guid entityId, EntityChanges changes, string actor, Func<Guid, bool> callerAdministers, CancellationToken ct) =>
        ChangeAsync(entityId, "entity.update", actor, async (tx, c) =>
        {
            await IdentifierConflicts.DemandAddableAsync(tx, changes.AddIdentifiers, entityId, callerAdministers, c);
            var heldBefore = await CountIdentifiersAsync(tx, entityId, c);
            await tx.ExecAsync("""
                UPDATE entity SET legal_name = coalesce($2, legal_name), kind = coalesce($3, kind), country = coalesce($4, country) WHERE entity_id = $1
                """, c, entityId, changes.LegalName, changes.Kind is { } k ? DirectoryCodes.Code(k) : null, changes.Country);
            foreach (var id in changes.RemoveIdentifiers)
            {
                if (await tx.ExecAsync("DELETE FROM entity_identifier WHERE icd = $1 AND value = $2 AND entity_id = $3", c, id.Icd, id.Value, entityId) == 0)
                    throw new AdminRefusal(AdminRefusalKind.NotFound, "IDENTIFIER_NOT_FOUND", $"Entity {entityId} has no identifier {id}.",
                        ("identifier", id.ToString()));
            }
            await InsertIdentifiersAsync(tx, entityId, changes.AddIdentifiers.Except(changes.RemoveIdentifiers).ToList(), c);
            var held = await CountIdentifiersAsync(tx, entityId, c);
            // A natural person needs none, as long as a supplier's customer number finds it.
            if (held == 0 && !await tx.ScalarAsync<bool>("""
                    SELECT e.kind = 'natural_person' AND EXISTS (
                        SELECT 1 FROM customer_entry ce JOIN customer_number n USING (entry_id) WHERE ce.customer_id = e.entity_id)
                    FROM entity e WHERE e.entity_id = $1
                    """, c, entityId))
                throw new AdminRefusal(AdminRefusalKind.Precondition, "LAST_IDENTIFIER",
                    "An entity keeps at least one identifier (a natural person may have none if a supplier's customer number finds it): add the new one in the same update.",
                    ("entity_id", entityId.ToString()));
            // Only growth past the cap: an entity loaded with more before it existed can still be renamed or trimmed.
            if (held > MaxIdentifiersPerEntity && held > heldBefore)
                throw new AdminRefusal(AdminRefusalKind.Precondition, "TOO_MANY_IDENTIFIERS",
                    $"An entity holds at most {MaxIdentifiersPerEntity} identifiers; this update would leave {held}. Register establishments as entities of their own.",
                    ("entity_id", entityId.ToString()));
            tx.Changes(changes.AddIdentifiers.Concat(changes.RemoveIdentifiers).SelectMany(CacheKeys.AffectedByIdentifier));
        }, ct);

    public Task<EntityRecord> SetActiveAsync(Guid entityId, bool active, string actor, CancellationToken ct) =>
        ChangeAsync(entityId, active ? "entity.reactivate" : "entity.deactivate", actor, (tx, c) =>
            tx.ExecAsync("UPDATE entity SET status = $2, deactivated_at = $3 WHERE entity_id = $1", c,
                entityId, active ? "active" : "inactive", active ? null : tx.At), ct);

    /// <param name="callerAdministers">Whether the caller administers an entity: a refusal names another entity only then.</param>
    public Task<EntityRecord> AddContactAsync(Guid entityId, ContactDraft contact, bool multiAccount, string actor, Func<Guid, bool> callerAdministers,
        CancellationToken ct) =>
        ChangeAsync(entityId, "contact.add", actor, (tx, c) => ContactRules.AddAsync(tx, entityId, contact, multiAccount, callerAdministers, c), ct);

    private Task<EntityRecord> ChangeAsync(Guid entityId, string action, string actor, Func<AdminTransaction, CancellationToken, Task> change, CancellationToken ct) =>
        writes.RunAsync(actor, async (tx, c) =>
        {
            if (!await tx.ScalarAsync<bool>("SELECT true FROM entity WHERE entity_id = $1 FOR UPDATE", c, entityId))
                throw AdminRefusal.EntityNotFound(entityId);
            var before = await tx.SnapshotAsync(AuditSnapshots.Entity, c, entityId);
            await change(tx, c);
            await tx.ExecAsync("UPDATE entity SET updated_at = $2 WHERE entity_id = $1", c, entityId, tx.At);
            tx.Changes(CacheKeys.Entity(entityId));
            await tx.AuditAsync(action, entityId, $"entity:{entityId}", before, await tx.SnapshotAsync(AuditSnapshots.Entity, c, entityId), c);
            return await EntityReader.ReadAsync(tx, entityId, c);
        }, ct);

    private static Task<long> CountIdentifiersAsync(AdminTransaction tx, Guid entityId, CancellationToken ct) =>
        tx.ScalarAsync<long>("SELECT count(*) FROM entity_identifier WHERE entity_id = $1", ct, entityId);

    private static async Task InsertIdentifiersAsync(AdminTransaction tx, Guid entityId, IReadOnlyList<PartyId> ids, CancellationToken ct)
    {
        if (ids.Count > 0)
            await tx.ExecAsync("INSERT INTO entity_identifier (icd, value, entity_id) SELECT unnest($1::text[]), unnest($2::text[]), $3 ON CONFLICT DO NOTHING", ct,
                ids.Select(i => i.Icd).ToArray(), ids.Select(i => i.Value).ToArray(), entityId);
    }
}
