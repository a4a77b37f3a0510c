using Microsoft.Extensions.DependencyInjection;
using Qweeby.Routing.Core.Addressing;
using Qweeby.Routing.Core.Directory;
using Qweeby.Routing.Core.Identifiers;
using Qweeby.Routing.Core.Routing;
using Qweeby.Routing.Data.Addressing;
using Qweeby.Routing.Data.Cache;
using Qweeby.Routing.Data.Directory;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Resolution;

/// <summary>
/// Where the identifiers miss the cache, one Postgres round trip reads them with their entities' facts and the
/// lines: the same facts as the separate reads (and the cached path) give.
/// </summary>
public sealed class OneRoundTripFactsTests(DirectoryFixture fx) : IClassFixture<DirectoryFixture>
{
    private static readonly DateTimeOffset At = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private T Get<T>() where T : notnull => fx.Routing.Services.GetRequiredService<T>();

    private async Task<(Guid Recipient, string Siren, string Siret, Guid Sender, string SenderSiret)> SeedAsync()
    {
        var (recipient, siren, siret, provider) = await fx.RecipientAsync();
        await fx.Seed.AddIdentifierAsync(recipient, "0002:" + siren);
        await fx.Seed.RegisterAsync(recipient, await fx.Seed.ProviderAsync(), isDefault: false, "380");
        var (sender, senderSiret) = await fx.SenderAsync();
        var lines = new DirectoryLineWriter(Get<DirectoryWrite>());
        await lines.CreateAsync(new MirrorRow(1, DirectoryLineWriter.NewLineId(), LineGranularity.Siren, siren, null, null, null, provider,
            At.AddMonths(-1), null), "test", Ct);
        await lines.CreateAsync(new MirrorRow(2, DirectoryLineWriter.NewLineId(), LineGranularity.Siret, siren, siret, null, null, provider,
            At.AddMonths(-2), null), "test", Ct);
        return (recipient, siren, siret, sender, senderSiret);
    }

    [Fact]
    public async Task The_one_round_trip_read_gives_what_the_separate_reads_give()
    {
        var (recipient, siren, siret, sender, senderSiret) = await SeedAsync();
        var store = Get<DirectoryFactsStore>();
        PartyId[] ids = [PartyId.Parse("0009:" + siret), PartyId.Parse("0002:" + siren), PartyId.Parse("0009:" + senderSiret),
            PartyId.Parse("0009:" + TestIds.Siret(TestIds.Siren()))];

        string[] addresses = [siren, $"{siren}_{siret}", $"{siren}_{TestIds.Siret(siren, 9)}"];
        var together = await store.FindOwnersWithFactsAsync(ids, new LinesAsked(siren, addresses), Ct);

        Assert.Equivalent(new Dictionary<string, Guid> { [ids[0].ToString()] = recipient, [ids[1].ToString()] = recipient, [ids[2].ToString()] = sender },
            together.Owners, strict: true);
        Assert.Equivalent(await store.LoadEntitiesAsync([recipient, sender], Ct), together.Entities, strict: true);
        Assert.Equivalent(await Get<DirectoryLineReader>().CurrentAtAsync(siren, addresses, Ct), together.Lines, strict: true);
        // Each address asked is answered, one without lines too.
        Assert.Equal([1, 1, 0], addresses.Select(a => together.Lines![a].Count));
        Assert.Equal(2, together.Entities[recipient].Registrations.Count);
    }

    [Fact]
    public async Task A_resolution_that_misses_the_cache_gathers_the_same_facts_as_one_served_by_it()
    {
        var (recipient, _, siret, sender, senderSiret) = await SeedAsync();
        var loader = Get<RoutingFactsLoader>();
        var query = new RoutingQuery(PartyId.Parse("0009:" + senderSiret), PartyId.Parse("0009:" + siret), null, "380", null) { At = At };

        var missed = await loader.LoadAsync(query, Ct);
        // The identifiers stay cached; the entities, dropped, are read again through their own round.
        await Get<IDirectoryCache>().InvalidateAsync([CacheKeys.Entity(recipient), CacheKeys.Entity(sender)], Ct);
        var cached = await loader.LoadAsync(query, Ct);

        Assert.Equivalent(missed, cached, strict: true);
        Assert.Equal(recipient, missed.Recipient.Entity?.EntityId);
        Assert.Equal(2, missed.Lines.Count);
    }

    [Fact]
    public async Task Registrations_come_with_their_entity_in_the_order_registered()
    {
        var (recipient, _, siret, first) = await fx.RecipientAsync();
        var second = await fx.Seed.ProviderAsync();
        await fx.Seed.RegisterAsync(recipient, second, isDefault: false, "380", "381");
        var other = await fx.Seed.EntityAsync("Other SA", [TestIds.Siret(TestIds.Siren())]);
        var store = Get<DirectoryFactsStore>();

        var owned = await store.FindOwnersWithFactsAsync([PartyId.Parse("0009:" + siret)], lines: null, Ct);
        var byId = await store.LoadEntitiesAsync([recipient, other], Ct);

        (string, string, bool)[] expected = [(first, "", true), (second, "380,381", false)];
        foreach (var facts in new[] { owned.Entities[recipient], byId[recipient] })
            Assert.Equal(expected, facts.Registrations.Select(r => (r.ProviderId, string.Join(",", r.DocumentTypes), r.IsDefault)));
        Assert.Empty(byId[other].Registrations);
        Assert.Null(owned.Lines);
    }
}
