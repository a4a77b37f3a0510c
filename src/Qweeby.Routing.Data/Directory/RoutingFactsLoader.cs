using Qweeby.Routing.Core.Addressing;
using Qweeby.Routing.Core.Directory;
using Qweeby.Routing.Core.Identifiers;
using Qweeby.Routing.Core.Routing;
using Qweeby.Routing.Data.Addressing;
using Qweeby.Routing.Data.Cache;

namespace Qweeby.Routing.Data.Directory;

/// <summary>
/// Gathers the facts of one routing decision through the cache, in as few rounds as the facts'
/// dependencies allow: identifiers (sender's and recipient's together), then entities, then the relation. Where
/// the identifiers miss both cache layers, the one Postgres round trip that reads them reads their entities too.
/// </summary>
public sealed class RoutingFactsLoader(IDirectoryCache cache, DirectoryFactsStore store, DirectoryLineReader lines, TimeProvider time)
{
    private static readonly IReadOnlyDictionary<Guid, EntityFacts> NoneRead = new Dictionary<Guid, EntityFacts>();

    private readonly Func<CancellationToken, Task<ProviderList?>> _loadProviders = async c => new ProviderList(await store.LoadProvidersAsync(c));

    public async Task<RoutingFacts> LoadAsync(RoutingQuery query, CancellationToken ct)
    {
        var providers = LoadProviderListAsync(ct);
        // A French identifier names the SIREN whose lines decide: they are read in this first round, beside the
        // identifiers, rather than a round later once the entity is known (one cache round trip less per Resolve).
        var direct = query.RecipientId is { } asked ? LineTarget.Of(asked) : null;
        var senderKeys = query.Sender?.Equivalents() ?? [];
        var recipientKeys = query.RecipientId?.Equivalents() ?? [];
        var first = await FindOwnersAsync([.. senderKeys, .. recipientKeys], direct?.Siren, ct);
        var owners = first.Owners;

        var senderMatch = FirstOwner(senderKeys, owners);
        Guid? recipientId = null;
        string? matchedBy = null;
        IReadOnlyList<Guid> candidates = [];
        if (query.RecipientId is not null)
        {
            (recipientId, matchedBy) = FirstOwner(recipientKeys, owners);
            if (recipientId is null && LineTarget.Of(query.RecipientId.Value) is { } french)
            {
                (recipientId, matchedBy, candidates) = await FindByEstablishmentsAsync(french.Siren, ct);
                // An unknown establishment of a company registered by several others names none of them.
                if (french.Siret is not null)
                    candidates = [];
            }
        }
        else if (senderMatch.Owner is { } senderOwner && query.CustomerNumber is { } number)
        {
            recipientId = (await cache.GetOrLoadAsync(CacheKeys.CustomerNumber(senderOwner, number),
                async c => await store.FindCustomerNumberAsync(senderOwner, number, c) is { } id ? new EntityRef(id) : null, ct))?.EntityId;
            matchedBy = recipientId is null ? null : $"customer-number:{number.Value}";
        }

        var entities = await LoadEntitiesAsync([senderMatch.Owner, recipientId], first.Entities, ct);
        var sender = senderMatch.Owner is { } s ? entities.GetValueOrDefault(s) : null;
        var recipient = recipientId is { } r ? entities.GetValueOrDefault(r) : null;
        var relationTask = sender is not null && recipient is not null
            ? cache.GetOrLoadAsync(CacheKeys.Relation(sender.EntityId, recipient.EntityId),
                c => store.LoadRelationAsync(sender.EntityId, recipient.EntityId, c)!, ct).AsTask()
            : Task.FromResult<RelationFacts?>(RelationFacts.None);
        var target = recipient is null ? null : TargetOf(query, recipient);
        var linesTask = target is null ? Task.FromResult<IReadOnlyList<DirectoryLine>>([])
            : first.Lines is { } directLines && target.Siren == direct!.Siren ? Task.FromResult(directLines)
            : LoadLinesAsync(target.Siren, ct);
        var relation = await relationTask ?? RelationFacts.None;

        var lookup = recipient is not null ? RecipientLookup.Found(query.Kind, query.RecipientReference, recipient, matchedBy!)
            : candidates.Count > 1 ? RecipientLookup.Ambiguous(query.RecipientReference, candidates)
            : RecipientLookup.NotFound(query.Kind, query.RecipientReference);
        return new RoutingFacts(
            query.Sender is { } senderId ? new SenderLookup(senderId.ToString(), sender) : null,
            lookup,
            relation,
            (await providers).ById,
            query.DocumentType)
        {
            At = query.At ?? time.GetUtcNow(),
            Target = target,
            Lines = await linesTask,
        };
    }

    /// <summary>The French address the invoice reaches: the identifier it was sent to, else the recipient's SIRET or SIREN.</summary>
    private static LineTarget? TargetOf(RoutingQuery query, EntityFacts recipient) =>
        query.RecipientId is { } id && LineTarget.Of(id) is { } direct ? direct : TargetOf(recipient);

    /// <summary>The entity's own place in the French directory: its SIRET, else its SIREN.</summary>
    public static LineTarget? TargetOf(EntityFacts entity)
    {
        var french = entity.Identifiers.FirstOrDefault(i => i.StartsWith("0009:", StringComparison.Ordinal))
            ?? entity.Identifiers.FirstOrDefault(i => i.StartsWith("0002:", StringComparison.Ordinal));
        return french is null ? null : LineTarget.Of(PartyId.Parse(french));
    }

    public async Task<IReadOnlyList<DirectoryLine>> LoadLinesAsync(string siren, CancellationToken ct) =>
        (await cache.GetOrLoadAsync(CacheKeys.Lines(siren), async c => new LineList(await lines.CurrentAsync(siren, c)), ct))?.Lines ?? [];

    /// <summary>Entities an identifier designates (several only for a SIREN whose establishments are separate entities).</summary>
    public async Task<IReadOnlyList<EntityFacts>> FindByIdentifierAsync(PartyId id, CancellationToken ct)
    {
        var keys = id.Equivalents();
        var first = await FindOwnersAsync(keys, linesSiren: null, ct);
        var (owner, _) = FirstOwner(keys, first.Owners);
        IReadOnlyList<Guid> found = owner is { } o ? [o]
            : LineTarget.Of(id) is { Siret: null } french ? await EstablishmentOwnersAsync(french.Siren, ct)
            : [];
        return await LoadEntitiesInOrderAsync(found, first.Entities, ct);
    }

    /// <summary>Entities by id through the cache, in the order asked (unknown ids left out).</summary>
    public Task<IReadOnlyList<EntityFacts>> LoadEntitiesInOrderAsync(IReadOnlyList<Guid> ids, CancellationToken ct) =>
        LoadEntitiesInOrderAsync(ids, NoneRead, ct);

    private async Task<IReadOnlyList<EntityFacts>> LoadEntitiesInOrderAsync(IReadOnlyList<Guid> ids, IReadOnlyDictionary<Guid, EntityFacts> read, CancellationToken ct)
    {
        var entities = await LoadEntitiesAsync(ids.Select(i => (Guid?)i).ToArray(), read, ct);
        return ids.Where(entities.ContainsKey).Select(i => entities[i]).ToList();
    }

    public async Task<IReadOnlyList<ProviderFacts>> LoadProvidersAsync(CancellationToken ct) => (await LoadProviderListAsync(ct)).Providers;

    public async ValueTask<ProviderList> LoadProviderListAsync(CancellationToken ct) =>
        await cache.GetOrLoadAsync(CacheKeys.Providers(), _loadProviders, ct) ?? ProviderList.None;

    /// <summary>
    /// The first round: the identifiers' owners and, for <paramref name="linesSiren"/>, its lines, in one cache round
    /// trip. What both cache layers miss is read in one Postgres round trip, which also reads the owners' facts
    /// (the next round's question): handed back as <see cref="FirstRound.Entities"/> when this call read them itself.
    /// </summary>
    private async Task<FirstRound> FindOwnersAsync(IReadOnlyList<PartyId> ids, string? linesSiren, CancellationToken ct)
    {
        var byKey = ids.Distinct().ToDictionary(CacheKeys.Identifier);
        var linesKey = linesSiren is null ? (CacheKey?)null : CacheKeys.Lines(linesSiren);
        List<CachedFact> facts = [.. byKey.Keys.Select(k => new CachedFact(k, typeof(EntityRef)))];
        if (linesKey is { } lk)
            facts.Add(new CachedFact(lk, typeof(LineList)));
        if (facts.Count == 0)
            return new FirstRound([], null, NoneRead);

        var readHere = NoneRead;
        var answers = await cache.GetOrLoadFactsAsync(facts, async (missing, c) =>
        {
            var missingIds = missing.Where(f => byKey.ContainsKey(f.Key)).Select(f => byKey[f.Key]).ToList();
            var read = await store.FindOwnersWithFactsAsync(missingIds, missing.Any(f => f.Key == linesKey) ? linesSiren : null, c);
            readHere = read.Entities;
            return new LoadedFacts(missing.ToDictionary(f => f.Key, f => f.Key == linesKey ? new LineList(read.Lines!)
                : read.Owners.TryGetValue(byKey[f.Key].ToString(), out var owner) ? (object?)new EntityRef(owner) : null))
            {
                Alongside = [.. read.Entities.Values.Select(e => new FoundFact(new CachedFact(CacheKeys.Entity(e.EntityId), typeof(EntityFacts)), e))],
            };
        }, ct);
        var owners = byKey.Values.Select((id, i) => (id, ((EntityRef?)answers[i])?.EntityId)).ToDictionary(p => p.id, p => p.EntityId);
        return new FirstRound(owners, linesKey is null ? null : ((LineList?)answers[^1])?.Lines ?? [], readHere);
    }

    /// <param name="Lines">Null when not asked for.</param>
    /// <param name="Entities">Owners' facts this call read from Postgres with the owners themselves (fresh as any cached).</param>
    private sealed record FirstRound(Dictionary<PartyId, Guid?> Owners, IReadOnlyList<DirectoryLine>? Lines, IReadOnlyDictionary<Guid, EntityFacts> Entities);

    private static (Guid? Owner, string? MatchedBy) FirstOwner(IReadOnlyList<PartyId> keys, Dictionary<PartyId, Guid?> owners)
    {
        foreach (var key in keys)
            if (owners.GetValueOrDefault(key) is { } owner)
                return (owner, key.ToString());
        return (null, null);
    }

    /// <summary>
    /// A French identifier registered nowhere may still name the one entity registered by SIRETs of its SIREN
    /// (the same legal person).
    /// </summary>
    private async Task<(Guid?, string?, IReadOnlyList<Guid>)> FindByEstablishmentsAsync(string siren, CancellationToken ct)
    {
        return (await EstablishmentOwnersAsync(siren, ct)) switch
        {
            [var only] => (only, $"0009:{siren}*", []),
            { Count: > 1 } several => (null, null, several),
            _ => (null, null, []),
        };
    }

    private async Task<IReadOnlyList<Guid>> EstablishmentOwnersAsync(string siren, CancellationToken ct) =>
        (await cache.GetOrLoadAsync(CacheKeys.Establishments(siren),
            async c => new EntityRefList(await store.FindEstablishmentOwnersAsync(siren, c)), ct))?.EntityIds ?? [];


    /// <summary>Entities by id: those already read (<paramref name="read"/>) as they are, the others through the cache.</summary>
    private async Task<Dictionary<Guid, EntityFacts>> LoadEntitiesAsync(Guid?[] ids, IReadOnlyDictionary<Guid, EntityFacts> read, CancellationToken ct)
    {
        var entities = ids.OfType<Guid>().Distinct().Where(read.ContainsKey).ToDictionary(id => id, id => read[id]);
        var wanted = ids.OfType<Guid>().Distinct().Where(id => !read.ContainsKey(id)).ToList();
        if (wanted.Count == 0)
            return entities;
        var keys = wanted.Select(CacheKeys.Entity).ToList();
        var facts = await cache.GetOrLoadManyAsync<EntityFacts>(keys, async (missing, c) =>
        {
            var loaded = await store.LoadEntitiesAsync(missing.Select(k => wanted[keys.IndexOf(k)]).ToList(), c);
            return missing.ToDictionary(k => k, k => loaded.GetValueOrDefault(wanted[keys.IndexOf(k)]));
        }, ct);
        // An identifier cached a moment before its entity row was read can only point to an existing
        // entity: entities are never deleted.
        foreach (var (id, i) in wanted.Select((id, i) => (id, i)))
            if (facts[i] is { } found)
                entities[id] = found;
        return entities;
    }
}
