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
    private static readonly Task<RelationFacts?> NoRelation = Task.FromResult<RelationFacts?>(RelationFacts.None);

    private readonly Func<CancellationToken, Task<ProviderList?>> _loadProviders = async c => new ProviderList(await store.LoadProvidersAsync(c));

    public async Task<RoutingFacts> LoadAsync(RoutingQuery query, CancellationToken ct)
    {
        var providers = LoadProviderListAsync(ct);
        // A French identifier names the addresses whose lines decide: they are read in this first round, beside the
        // identifiers, rather than a round later once the entity is known (one cache round trip less per Resolve).
        var direct = query.RecipientId is { } asked ? LineTarget.Of(asked) : null;
        var senderKeys = query.Sender?.Equivalents() ?? [];
        var recipientKeys = query.RecipientId?.Equivalents() ?? [];
        var first = await FindOwnersAsync([.. senderKeys, .. recipientKeys], direct, ct);

        var senderMatch = first.FirstOwner(senderKeys);
        Guid? recipientId = null;
        string? matchedBy = null;
        IReadOnlyList<Guid> candidates = [];
        if (query.RecipientId is not null)
        {
            (recipientId, matchedBy) = first.FirstOwner(recipientKeys);
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
        var (sender, recipient) = (entities[0], entities[1]);
        var relationTask = sender is not null && recipient is not null
            ? cache.GetOrLoadAsync(CacheKeys.Relation(sender.EntityId, recipient.EntityId),
                c => store.LoadRelationAsync(sender.EntityId, recipient.EntityId, c)!, ct).AsTask()
            : NoRelation;
        // The French address the invoice reaches: the identifier it was sent to, else the recipient's SIRET or SIREN.
        var target = recipient is null ? null : direct ?? TargetOf(recipient);
        var knownLines = target is null ? [] : direct is not null ? first.Lines : null;
        var linesTask = knownLines is null ? LoadLinesAsync(target!, ct) : null;
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
            Lines = knownLines ?? await linesTask!,
        };
    }

    /// <summary>The entity's own place in the French directory: its SIRET, else its SIREN.</summary>
    public static LineTarget? TargetOf(EntityFacts entity)
    {
        var french = entity.Identifiers.FirstOrDefault(i => i.StartsWith("0009:", StringComparison.Ordinal))
            ?? entity.Identifiers.FirstOrDefault(i => i.StartsWith("0002:", StringComparison.Ordinal));
        return french is null ? null : LineTarget.Of(PartyId.Parse(french));
    }

    /// <summary>The current lines at the target's own addresses (<see cref="LineTarget.Addresses"/>), through the cache.</summary>
    public async Task<IReadOnlyList<DirectoryLine>> LoadLinesAsync(LineTarget target, CancellationToken ct)
    {
        var addresses = target.Addresses();
        var keys = addresses.Select(CacheKeys.Lines).ToList();
        var lists = await cache.GetOrLoadManyAsync<LineList>(keys, async (missing, c) =>
        {
            var read = await lines.CurrentAtAsync(target.Siren, [.. missing.Select(k => addresses[keys.IndexOf(k)])], c);
            return missing.ToDictionary(k => k, k => (LineList?)new LineList(read[addresses[keys.IndexOf(k)]]));
        }, ct);
        return Joined(lists, 0);
    }

    /// <summary>The lines of several addresses (<paramref name="lists"/> from <paramref name="from"/> on), in the order of their addresses.</summary>
    private static IReadOnlyList<DirectoryLine> Joined<T>(IReadOnlyList<T?> lists, int from) where T : class
    {
        IReadOnlyList<DirectoryLine>? only = null;
        List<DirectoryLine>? joined = null;
        for (var i = from; i < lists.Count; i++)
        {
            if (lists[i] is not LineList { Lines.Count: > 0 } some)
                continue;
            if (only is null)
                only = some.Lines;
            else
                (joined ??= [.. only]).AddRange(some.Lines);
        }
        return joined ?? only ?? [];
    }

    /// <summary>Entities an identifier designates (several only for a SIREN whose establishments are separate entities).</summary>
    public async Task<IReadOnlyList<EntityFacts>> FindByIdentifierAsync(PartyId id, CancellationToken ct)
    {
        var keys = id.Equivalents();
        var first = await FindOwnersAsync(keys, linesOf: null, ct);
        var (owner, _) = first.FirstOwner(keys);
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
        return entities.OfType<EntityFacts>().ToList();
    }

    public async Task<IReadOnlyList<ProviderFacts>> LoadProvidersAsync(CancellationToken ct) => (await LoadProviderListAsync(ct)).Providers;

    public async ValueTask<ProviderList> LoadProviderListAsync(CancellationToken ct) =>
        await cache.GetOrLoadAsync(CacheKeys.Providers(), _loadProviders, ct) ?? ProviderList.None;

    /// <summary>
    /// The first round: the identifiers' owners and the lines at the addresses of <paramref name="linesOf"/>, in one cache round
    /// trip. What both cache layers miss is read in one Postgres round trip, which also reads the owners' facts
    /// (the next round's question): handed back as <see cref="FirstRound.Entities"/> when this call read them itself.
    /// </summary>
    private async ValueTask<FirstRound> FindOwnersAsync(IReadOnlyList<PartyId> ids, LineTarget? linesOf, CancellationToken ct)
    {
        var distinct = Distinct(ids);
        var addresses = linesOf?.Addresses() ?? [];
        var facts = new CachedFact[distinct.Length + addresses.Count];
        for (var i = 0; i < distinct.Length; i++)
            facts[i] = new CachedFact(CacheKeys.Identifier(distinct[i]), typeof(EntityRef));
        for (var i = 0; i < addresses.Count; i++)
            facts[distinct.Length + i] = new CachedFact(CacheKeys.Lines(addresses[i]), typeof(LineList));
        if (facts.Length == 0)
            return new FirstRound([], [], null, NoneRead);

        var load = new OwnersLoad(store, distinct, linesOf?.Siren, addresses);
        var answers = await cache.GetOrLoadFactsAsync(facts, load.LoadMissingAsync, ct);
        var owners = new Guid?[distinct.Length];
        for (var i = 0; i < distinct.Length; i++)
            owners[i] = ((EntityRef?)answers[i])?.EntityId;
        return new FirstRound(distinct, owners, linesOf is null ? null : Joined(answers, distinct.Length), load.ReadHere);
    }

    private static PartyId[] Distinct(IReadOnlyList<PartyId> ids)
    {
        var distinct = new PartyId[ids.Count];
        var count = 0;
        foreach (var id in ids)
            if (Array.IndexOf(distinct, id, 0, count) < 0)
                distinct[count++] = id;
        return count == distinct.Length ? distinct : distinct[..count];
    }

    /// <summary>What the first round's cache misses read from Postgres, in one round trip.</summary>
    /// <param name="siren">The SIREN of <paramref name="addresses"/>, whose lines are asked (none when null).</param>
    private sealed class OwnersLoad(DirectoryFactsStore store, PartyId[] ids, string? siren, IReadOnlyList<string> addresses)
    {
        /// <summary>Owners' facts read with the owners (none when every identifier came from the cache).</summary>
        public IReadOnlyDictionary<Guid, EntityFacts> ReadHere { get; private set; } = NoneRead;

        public async Task<LoadedFacts> LoadMissingAsync(IReadOnlyList<CachedFact> missing, CancellationToken c)
        {
            var byKey = ids.ToDictionary(CacheKeys.Identifier);
            var addressOf = addresses.ToDictionary(CacheKeys.Lines);
            var missingIds = missing.Where(f => byKey.ContainsKey(f.Key)).Select(f => byKey[f.Key]).ToList();
            var missingAddresses = missing.Where(f => addressOf.ContainsKey(f.Key)).Select(f => addressOf[f.Key]).ToList();
            var read = await store.FindOwnersWithFactsAsync(missingIds, missingAddresses.Count > 0 ? new LinesAsked(siren!, missingAddresses) : null, c);
            ReadHere = read.Entities;
            return new LoadedFacts(missing.ToDictionary(f => f.Key, f => addressOf.TryGetValue(f.Key, out var address) ? new LineList(read.Lines![address])
                : read.Owners.TryGetValue(byKey[f.Key].ToString(), out var owner) ? (object?)new EntityRef(owner) : null))
            {
                Alongside = [.. read.Entities.Values.Select(e => new FoundFact(new CachedFact(CacheKeys.Entity(e.EntityId), typeof(EntityFacts)), e))],
            };
        }
    }

    /// <param name="Ids">The identifiers asked, each once; <paramref name="Owners"/> holds their owners in the same order.</param>
    /// <param name="Lines">Null when not asked for.</param>
    /// <param name="Entities">Owners' facts this call read from Postgres with the owners themselves (fresh as any cached).</param>
    private sealed record FirstRound(PartyId[] Ids, Guid?[] Owners, IReadOnlyList<DirectoryLine>? Lines, IReadOnlyDictionary<Guid, EntityFacts> Entities)
    {
        /// <summary>The owner of the first of <paramref name="keys"/> that has one, and that key as matched.</summary>
        public (Guid? Owner, string? MatchedBy) FirstOwner(IReadOnlyList<PartyId> keys)
        {
            foreach (var key in keys)
                if (Array.IndexOf(Ids, key) is var i and >= 0 && Owners[i] is { } owner)
                    return (owner, key.ToString());
            return (null, null);
        }
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


    /// <summary>
    /// Entities by id, in the order of <paramref name="ids"/> (null where unknown or not asked): those already read
    /// (<paramref name="read"/>) as they are, the others through the cache.
    /// </summary>
    private async ValueTask<EntityFacts?[]> LoadEntitiesAsync(Guid?[] ids, IReadOnlyDictionary<Guid, EntityFacts> read, CancellationToken ct)
    {
        var entities = new EntityFacts?[ids.Length];
        List<Guid>? wanted = null;
        for (var i = 0; i < ids.Length; i++)
        {
            if (ids[i] is not { } id)
                continue;
            if (read.TryGetValue(id, out var known))
                entities[i] = known;
            else if (!(wanted ??= new(ids.Length)).Contains(id))
                wanted.Add(id);
        }
        if (wanted is null)
            return entities;
        var keys = wanted.ConvertAll(CacheKeys.Entity);
        var facts = await cache.GetOrLoadManyAsync<EntityFacts>(keys, new EntitiesLoad(store, wanted, keys).LoadMissingAsync, ct);
        // An identifier cached a moment before its entity row was read can only point to an existing
        // entity: entities are never deleted.
        for (var i = 0; i < ids.Length; i++)
            if (entities[i] is null && ids[i] is { } id)
                entities[i] = facts[wanted.IndexOf(id)];
        return entities;
    }

    private sealed class EntitiesLoad(DirectoryFactsStore store, List<Guid> wanted, List<CacheKey> keys)
    {
        public async Task<IReadOnlyDictionary<CacheKey, EntityFacts?>> LoadMissingAsync(IReadOnlyList<CacheKey> missing, CancellationToken c)
        {
            var loaded = await store.LoadEntitiesAsync(missing.Select(k => wanted[keys.IndexOf(k)]).ToList(), c);
            return missing.ToDictionary(k => k, k => loaded.GetValueOrDefault(wanted[keys.IndexOf(k)]));
        }
    }
}
