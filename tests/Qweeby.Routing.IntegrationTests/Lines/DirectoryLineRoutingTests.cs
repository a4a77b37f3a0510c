using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Lines;

public sealed class DirectoryLineRoutingTests(LinesFixture fx) : IClassFixture<LinesFixture>
{
    private static readonly DateTimeOffset Jan = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Dec = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private Task<Contracts.Admin.V1.DirectoryLine> LineAsync(string siren, string provider, DateTimeOffset from, string siret = "", string code = "", string suffix = "", DateTimeOffset? to = null) =>
        fx.Lines.CreateLineAsync(new CreateLineRequest
        {
            Siren = siren, Siret = siret, RoutingCode = code, Suffix = suffix, PlatformId = provider,
            ValidFrom = Timestamp.FromDateTimeOffset(from), ValidTo = to is { } t ? Timestamp.FromDateTimeOffset(t) : null,
        }).ResponseAsync;

    private async Task<Route> RouteAsync(string identifier, DateTimeOffset? at = null) =>
        (await fx.Directory.ResolveAsync(new ResolveRequest
        {
            Recipient = new RecipientReference { Identifier = identifier },
            At = at is { } a ? Timestamp.FromDateTimeOffset(a) : null,
        })).Route;

    [Fact]
    public async Task The_four_granularities_route_to_their_own_platform_and_fall_back_to_the_siren_line()
    {
        var (siren, siret, _) = await fx.CompanyAsync();
        var p = new Dictionary<string, string>();
        foreach (var level in new[] { "siren", "siret", "code", "suffix" })
            p[level] = await fx.Seed.ProviderAsync();
        await LineAsync(siren, p["siren"], Jan);
        await LineAsync(siren, p["siret"], Jan, siret: siret);
        await LineAsync(siren, p["code"], Jan, siret: siret, code: "COMPTA");
        await LineAsync(siren, p["suffix"], Jan, suffix: "ACHATS");

        var byCode = await RouteAsync($"0225:{siren}_{siret}_compta");
        Assert.Equal((p["code"], "directory_line", "ROUTING_CODE"), (byCode.Provider.ProviderId, byCode.ChosenBecause, byCode.DirectoryLine.Granularity));
        Assert.Equal(p["siret"], (await RouteAsync(siret)).Provider.ProviderId);
        Assert.Equal(p["siret"], (await RouteAsync($"0225:{siren}_{siret}_OTHER")).Provider.ProviderId);
        Assert.Equal(p["suffix"], (await RouteAsync($"0225:{siren}_ACHATS")).Provider.ProviderId);
        Assert.Equal(p["siren"], (await RouteAsync(siren)).Provider.ProviderId);
        Assert.Equal(p["siren"], (await RouteAsync(TestIds.Siret(siren, 7))).Provider.ProviderId);
    }

    [Fact]
    public async Task Explain_shows_the_line_used_and_why_the_more_specific_ones_were_not()
    {
        var (siren, siret, _) = await fx.CompanyAsync();
        var provider = await fx.Seed.ProviderAsync();
        await LineAsync(siren, provider, Jan);
        await LineAsync(siren, await fx.Seed.ProviderAsync(), Jan, siret: siret, to: Jan.AddMonths(3));

        var explained = await fx.Directory.ExplainAsync(new ResolveRequest
        {
            Recipient = new RecipientReference { Identifier = siret },
            At = Timestamp.FromDateTimeOffset(Dec),
        });

        var rule = explained.Rules.Single(r => r.Rule == "directory_line.selected");
        Assert.Equal(RuleVerdict.Passed, rule.Verdict);
        Assert.Contains("Siren", rule.Fact, StringComparison.Ordinal);
        Assert.Contains("Siret line not valid on 2026-12-01", rule.Fact, StringComparison.Ordinal);
        Assert.Equal(provider, explained.Decision.Route.Provider.ProviderId);
    }

    [Fact]
    public async Task A_line_decides_over_the_senders_pinned_provider_and_explain_says_so()
    {
        var siren = TestIds.Siren();
        var siret = TestIds.Siret(siren);
        var customer = await fx.Seed.EntityAsync("Pinned Customer", [siret]);
        var pinned = await fx.Seed.ProviderAsync();
        await fx.Seed.RegisterAsync(customer, pinned);
        var senderSiret = TestIds.Siret(TestIds.Siren());
        var sender = await fx.Seed.EntityAsync("Pinning Supplier", [senderSiret]);
        await fx.Seed.CustomerEntryAsync(sender, customer, pinnedProvider: pinned);
        var lined = await fx.Seed.ProviderAsync();
        await LineAsync(siren, lined, Jan);

        var explained = await fx.Directory.ExplainAsync(new ResolveRequest { Sender = senderSiret, Recipient = new RecipientReference { Identifier = siret } });

        Assert.Equal(lined, explained.Decision.Route.Provider.ProviderId);
        Assert.Contains($"the sender's pinned provider {pinned} is not used: the central directory's line decides",
            explained.Rules.Single(r => r.Rule == "provider.selected").Fact, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dated_switch_routes_invoices_before_and_after_it_to_the_old_and_new_platform_without_gap()
    {
        var (siren, _, _) = await fx.CompanyAsync();
        var old = await fx.Seed.ProviderAsync();
        var next = await fx.Seed.ProviderAsync();
        await LineAsync(siren, old, Jan);

        var switched = await fx.Lines.SwitchProviderAsync(new SwitchProviderRequest { Address = siren, PlatformId = next, At = Timestamp.FromDateTimeOffset(Dec) });

        Assert.Equal(switched.Ended.ValidTo, switched.Started.ValidFrom);
        Assert.Null(switched.Started.ValidTo);
        Assert.Equal(old, (await RouteAsync(siren, Dec.AddSeconds(-1))).Provider.ProviderId);
        Assert.Equal(next, (await RouteAsync(siren, Dec)).Provider.ProviderId);
        var lines = await fx.Lines.GetLinesAsync(new GetLinesRequest { Entity = siren });
        Assert.Equal(2, lines.Current.Count);
        Assert.Equal(3, lines.History.Count);
        Assert.Single(lines.History, v => v.SupersededAt is not null);
    }

    [Fact]
    public async Task A_search_hit_carries_its_own_lines_siren_level_first_and_at_most_twenty()
    {
        var (siren, siret, _) = await fx.CompanyAsync();
        var legalUnit = TestIds.Siren();
        await fx.Seed.EntityAsync("Legal Unit SA", [legalUnit]);
        var provider = await fx.Seed.ProviderAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        string[] Establishments(string of) => [.. Enumerable.Range(1, 30).Select(i =>
            LinesFixture.MirrorRow($"E-{tag}-{of}-{i}", of, provider, siret: TestIds.Siret(of, 100 + i)))];
        await fx.ImportMirrorAsync(Contracts.Admin.V1.MirrorMode.Delta,
        [
            LinesFixture.MirrorRow($"S-{tag}", siren, provider), LinesFixture.MirrorRow($"OWN-{tag}", siren, provider, siret: siret),
            .. Establishments(siren), LinesFixture.MirrorRow($"L-{tag}", legalUnit, provider), .. Establishments(legalUnit),
        ]);

        var establishment = Assert.Single((await fx.Directory.SearchAsync(new SearchRequest { Query = siret })).Hits);
        var unit = Assert.Single((await fx.Directory.SearchAsync(new SearchRequest { Query = $"0002:{legalUnit}" })).Hits);

        Assert.Equal([$"S-{tag}", $"OWN-{tag}"], establishment.Lines.Select(l => l.LineId));
        Assert.Equal(2, establishment.LinesTotal);
        Assert.Equal((20, 31, $"L-{tag}"), (unit.Lines.Count, unit.LinesTotal, unit.Lines[0].LineId));
    }

    [Fact]
    public async Task Search_shows_an_entitys_current_lines()
    {
        var (siren, siret, _) = await fx.CompanyAsync();
        var line = await LineAsync(siren, await fx.Seed.ProviderAsync(), Jan, siret: siret);

        var hit = Assert.Single((await fx.Directory.SearchAsync(new SearchRequest { Query = siret })).Hits);

        Assert.Equal((line.LineId, "SIRET", $"{siren}_{siret}"), (hit.Lines.Single().LineId, hit.Lines.Single().Granularity, hit.Lines.Single().Address));
    }

    [Fact]
    public async Task An_overlapping_line_at_one_address_is_refused_naming_the_conflicting_line()
    {
        var (siren, _, _) = await fx.CompanyAsync();
        var first = await LineAsync(siren, await fx.Seed.ProviderAsync(), Jan);
        var other = await fx.Seed.ProviderAsync();

        var failure = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => LineAsync(siren, other, Jan.AddMonths(2)));

        Assert.Equal("LINE_OVERLAP", failure.Reason());
        Assert.Contains(first.LineId, failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_line_is_refused_naming_the_field()
    {
        var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => LineAsync("732829320", "p", Jan, siret: "55203253400646"));

        Assert.Equal("siret", Assert.Single(failure.Violations()).Field);
    }

    [Fact]
    public async Task The_cache_never_answers_with_a_line_that_has_ended()
    {
        var (siren, _, fallback) = await fx.CompanyAsync();
        var lined = await fx.Seed.ProviderAsync();
        var line = await LineAsync(siren, lined, DateTimeOffset.UtcNow.AddDays(-1));
        Assert.Equal(lined, (await RouteAsync(siren)).Provider.ProviderId);

        await fx.Lines.EndLineAsync(new EndLineRequest { LineId = line.LineId, At = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow) });

        await Eventually.True(async () => (await RouteAsync(siren)).Provider.ProviderId == fallback, TimeSpan.FromSeconds(2), "the fallback provider once the line ended");
    }

    [Fact]
    public async Task A_line_not_started_is_withdrawn_by_ending_it_at_its_start_and_its_period_is_free_again()
    {
        var (siren, _, _) = await fx.CompanyAsync();
        var lined = await fx.Seed.ProviderAsync();
        var start = DateTimeOffset.UtcNow.AddDays(30);
        var line = await LineAsync(siren, lined, start);
        Assert.Equal(lined, (await RouteAsync(siren, start.AddDays(1))).Provider.ProviderId);

        var withdrawn = await fx.Lines.EndLineAsync(new EndLineRequest { LineId = line.LineId, At = Timestamp.FromDateTimeOffset(start) });
        var lines = await fx.Lines.GetLinesAsync(new GetLinesRequest { Entity = siren });
        var other = await fx.Seed.ProviderAsync();
        await LineAsync(siren, other, start); // no overlap left

        Assert.Equal(2, withdrawn.Version);
        Assert.DoesNotContain(lines.Current, l => l.LineId == line.LineId);
        Assert.Equal(["created", "withdrawn"], lines.History.Where(v => v.Line.LineId == line.LineId).Select(v => v.Change));
        Assert.All(lines.History.Where(v => v.Line.LineId == line.LineId), v => Assert.NotNull(v.SupersededAt));
        await Eventually.True(async () => (await RouteAsync(siren, start.AddDays(1))).Provider.ProviderId == other, TimeSpan.FromSeconds(2),
            "the line created in the withdrawn one's place");
    }

    [Fact]
    public async Task A_line_that_has_started_cannot_be_withdrawn()
    {
        var (siren, _, _) = await fx.CompanyAsync();
        var started = DateTimeOffset.UtcNow.AddDays(-1);
        var line = await LineAsync(siren, await fx.Seed.ProviderAsync(), started);

        var refused = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => fx.Lines.EndLineAsync(new EndLineRequest { LineId = line.LineId, At = Timestamp.FromDateTimeOffset(started) }).ResponseAsync);

        Assert.Equal("at", Assert.Single(refused.Violations()).Field);
    }

    [Fact]
    public async Task A_line_that_ends_by_its_own_date_stops_routing_then_without_any_write()
    {
        var (siren, _, fallback) = await fx.CompanyAsync();
        var lined = await fx.Seed.ProviderAsync();
        var end = DateTimeOffset.UtcNow.AddSeconds(1);
        await LineAsync(siren, lined, DateTimeOffset.UtcNow.AddDays(-1), to: end);
        Assert.Equal(lined, (await RouteAsync(siren)).Provider.ProviderId);

        await Eventually.True(async () => DateTimeOffset.UtcNow > end && (await RouteAsync(siren)).Provider.ProviderId == fallback,
            TimeSpan.FromSeconds(5), "the line's end date to pass");
    }
}
