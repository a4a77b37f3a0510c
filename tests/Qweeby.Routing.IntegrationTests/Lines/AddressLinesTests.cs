using System.Text;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Core.Identifiers;
using Qweeby.Routing.Core.Routing;
using Qweeby.Routing.Data.Directory;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Lines;

/// <summary>
/// Routing reads and caches a SIREN's lines address by address (a SIREN with thousands of establishments has thousands
/// of SIRET lines), and every change invalidates the address it changes; the admin API pages a SIREN's lines.
/// </summary>
public sealed class AddressLinesTests(LinesFixture fx) : IClassFixture<LinesFixture>
{
    private static readonly DateTimeOffset Jan = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> RouteAsync(string identifier) =>
        (await fx.Directory.ResolveAsync(new ResolveRequest { Recipient = new RecipientReference { Identifier = identifier } }, cancellationToken: Ct))
            .Route.Provider.ProviderId;

    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task An_establishment_of_a_siren_with_hundreds_of_lines_is_routed_on_its_own_two()
    {
        var (siren, _, _) = await fx.CompanyAsync();
        var (sirenPlatform, siretPlatform) = (await fx.Seed.ProviderAsync(), await fx.Seed.ProviderAsync());
        var tag = Tag();
        await fx.ImportMirrorAsync(Contracts.Admin.V1.MirrorMode.Delta,
        [
            LinesFixture.MirrorRow($"S-{tag}", siren, sirenPlatform),
            .. Enumerable.Range(1, 300).Select(i => LinesFixture.MirrorRow($"E-{tag}-{i}", siren, siretPlatform, siret: TestIds.Siret(siren, 1000 + i))),
        ]);
        var loader = fx.Routing.Services.GetRequiredService<RoutingFactsLoader>();
        var query = new RoutingQuery(null, PartyId.Parse("0009:" + TestIds.Siret(siren, 1042)), null, "380", null);

        var cold = await loader.LoadAsync(query, Ct);
        var cached = await loader.LoadAsync(query, Ct);

        Assert.Equal([$"S-{tag}", $"E-{tag}-42"], cold.Lines.Select(l => l.LineId));
        Assert.Equal([$"S-{tag}", $"E-{tag}-42"], cached.Lines.Select(l => l.LineId));
        Assert.Equal(siretPlatform, await RouteAsync(TestIds.Siret(siren, 1042)));
        Assert.Equal(sirenPlatform, await RouteAsync(TestIds.Siret(siren, 999)));
    }

    public static TheoryData<string> Granularities() => ["SIREN", "SIRET", "ROUTING_CODE", "SUFFIX"];

    [Theory]
    [MemberData(nameof(Granularities))]
    public async Task A_switch_at_any_granularity_reroutes_the_next_resolve_of_its_address(string granularity)
    {
        var (siren, siret, _) = await fx.CompanyAsync();
        var (before, after) = (await fx.Seed.ProviderAsync(), await fx.Seed.ProviderAsync());
        var (request, address, identifier) = granularity switch
        {
            "SIREN" => (new CreateLineRequest { Siren = siren }, siren, siren),
            "SIRET" => (new CreateLineRequest { Siren = siren, Siret = siret }, $"{siren}_{siret}", siret),
            "ROUTING_CODE" => (new CreateLineRequest { Siren = siren, Siret = siret, RoutingCode = "COMPTA" }, $"{siren}_{siret}_COMPTA", $"0225:{siren}_{siret}_compta"),
            _ => (new CreateLineRequest { Siren = siren, Suffix = "ACHATS" }, $"{siren}_ACHATS", $"0225:{siren}_ACHATS"),
        };
        request.PlatformId = before;
        request.ValidFrom = Timestamp.FromDateTimeOffset(Jan);
        await fx.Lines.CreateLineAsync(request, cancellationToken: Ct);
        Assert.Equal(before, await RouteAsync(identifier));

        await fx.Lines.SwitchProviderAsync(new SwitchProviderRequest
        {
            Address = address, PlatformId = after, At = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
        }, cancellationToken: Ct);

        await Eventually.True(async () => await RouteAsync(identifier) == after, TimeSpan.FromSeconds(2), $"the switched {granularity} line");
    }

    [Fact]
    public async Task An_imported_change_of_an_establishments_line_reroutes_its_next_resolve()
    {
        var (siren, siret, _) = await fx.CompanyAsync();
        var (before, after) = (await fx.Seed.ProviderAsync(), await fx.Seed.ProviderAsync());
        var tag = Tag();
        await fx.ImportMirrorAsync(Contracts.Admin.V1.MirrorMode.Delta, LinesFixture.MirrorRow($"E-{tag}", siren, before, siret: siret));
        Assert.Equal(before, await RouteAsync(siret));

        await fx.ImportMirrorAsync(Contracts.Admin.V1.MirrorMode.Delta, LinesFixture.MirrorRow($"E-{tag}", siren, after, siret: siret));

        await Eventually.True(async () => await RouteAsync(siret) == after, TimeSpan.FromSeconds(2), "the imported platform");
    }

    [Fact]
    public async Task A_line_moved_to_another_establishment_leaves_the_first_at_once()
    {
        var (siren, siret, fallback) = await fx.CompanyAsync();
        var other = TestIds.Siret(siren, 77);
        var platform = await fx.Seed.ProviderAsync();
        var tag = Tag();
        await fx.ImportMirrorAsync(Contracts.Admin.V1.MirrorMode.Delta, LinesFixture.MirrorRow($"M-{tag}", siren, platform, siret: siret));
        Assert.Equal(platform, await RouteAsync(siret));

        await fx.ImportMirrorAsync(Contracts.Admin.V1.MirrorMode.Delta, LinesFixture.MirrorRow($"M-{tag}", siren, platform, siret: other));

        await Eventually.True(async () => await RouteAsync(siret) == fallback, TimeSpan.FromSeconds(2), "the establishment the line left to fall back");
        Assert.Equal(platform, await RouteAsync(other));
    }

    [Fact]
    public async Task A_full_extract_that_omits_an_establishments_line_ends_it_for_the_next_resolve()
    {
        var (siren, siret, fallback) = await fx.CompanyAsync();
        var platform = await fx.Seed.ProviderAsync();
        var tag = Tag();
        await fx.ImportMirrorAsync(Contracts.Admin.V1.MirrorMode.Delta, LinesFixture.MirrorRow($"F-{tag}", siren, platform, siret: siret));
        Assert.Equal(platform, await RouteAsync(siret));

        var full = await fx.ImportMirrorAsync(Contracts.Admin.V1.MirrorMode.Full, LinesFixture.MirrorRow($"K-{tag}", TestIds.Siren(), platform));

        Assert.True(full.Ended >= 1);
        await Eventually.True(async () => await RouteAsync(siret) == fallback, TimeSpan.FromSeconds(2), "the ended line to stop routing");
    }

    [Fact]
    public async Task Get_lines_pages_a_sirens_lines_with_every_version_once()
    {
        var (siren, _, _) = await fx.CompanyAsync();
        var platform = await fx.Seed.ProviderAsync();
        var tag = Tag();
        string[] rows = [LinesFixture.MirrorRow($"S-{tag}", siren, platform),
            .. Enumerable.Range(1, 24).Select(i => LinesFixture.MirrorRow($"E-{tag}-{i:D2}", siren, platform, siret: TestIds.Siret(siren, 100 + i)))];
        await fx.ImportMirrorAsync(Contracts.Admin.V1.MirrorMode.Delta, rows);
        // A second version of one line: both versions come on the page of that line.
        await fx.ImportMirrorAsync(Contracts.Admin.V1.MirrorMode.Delta, LinesFixture.MirrorRow($"E-{tag}-07", siren, platform, to: "2027-01-01",
            siret: TestIds.Siret(siren, 107)));

        var pages = new List<GetLinesReply>();
        var token = "";
        do
        {
            var page = await fx.Lines.GetLinesAsync(new GetLinesRequest { Entity = siren, PageSize = 10, PageToken = token }, cancellationToken: Ct);
            pages.Add(page);
            token = page.NextPageToken;
        }
        while (token.Length > 0 && pages.Count < 10);

        Assert.Equal([10, 10, 5], pages.Select(p => p.Current.Count));
        var current = pages.SelectMany(p => p.Current).Select(l => l.LineId).ToList();
        Assert.Equal(25, current.Distinct().Count());
        var history = pages.SelectMany(p => p.History).Select(v => (v.Line.LineId, v.Line.Version)).ToList();
        Assert.Equal(26, history.Distinct().Count());
        Assert.Equal(26, history.Count);
        Assert.Single(pages, p => p.History.Count(v => v.Line.LineId == $"E-{tag}-07") == 2);
    }

    [Fact]
    public async Task A_page_token_of_another_siren_or_a_page_too_large_is_refused_naming_the_field()
    {
        var (siren, _, _) = await fx.CompanyAsync();
        var platform = await fx.Seed.ProviderAsync();
        var tag = Tag();
        await fx.ImportMirrorAsync(Contracts.Admin.V1.MirrorMode.Delta, LinesFixture.MirrorRow($"A-{tag}", siren, platform),
            LinesFixture.MirrorRow($"B-{tag}", siren, platform, siret: TestIds.Siret(siren, 5)));
        var first = await fx.Lines.GetLinesAsync(new GetLinesRequest { Entity = siren, PageSize = 1 }, cancellationToken: Ct);
        Assert.NotEmpty(first.NextPageToken);

        var foreign = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => fx.Lines.GetLinesAsync(
            new GetLinesRequest { Entity = TestIds.Siren(), PageToken = first.NextPageToken }, cancellationToken: Ct).ResponseAsync);
        var tooLarge = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => fx.Lines.GetLinesAsync(
            new GetLinesRequest { Entity = siren, PageSize = 100_000 }, cancellationToken: Ct).ResponseAsync);

        // A token of this SIREN's query carrying what no address is (its hash is no secret).
        var hash = Encoding.UTF8.GetString(Convert.FromBase64String(first.NextPageToken)).Split(':')[0];
        var forged = Convert.ToBase64String(Encoding.UTF8.GetBytes(hash + ":\0\nx"));
        var broken = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => fx.Lines.GetLinesAsync(
            new GetLinesRequest { Entity = siren, PageToken = forged }, cancellationToken: Ct).ResponseAsync);

        Assert.Equal(("page_token", "FORMAT"), (Assert.Single(foreign.Violations()).Field, foreign.Violations()[0].Reason));
        Assert.Equal(("page_token", "FORMAT"), (Assert.Single(broken.Violations()).Field, broken.Violations()[0].Reason));
        Assert.Equal(("page_size", "OUT_OF_RANGE"), (Assert.Single(tooLarge.Violations()).Field, tooLarge.Violations()[0].Reason));
    }
}
