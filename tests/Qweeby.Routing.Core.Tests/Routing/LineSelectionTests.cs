using Qweeby.Routing.Core.Addressing;
using Qweeby.Routing.Core.Identifiers;
using Qweeby.Routing.Core.Routing;

namespace Qweeby.Routing.Core.Tests.Routing;

public sealed class LineSelectionTests
{
    private const string Siren = "732829320";
    private const string Siret = "73282932000074";
    private static readonly DateTimeOffset Jan = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Jul = new(2026, 7, 1, 0, 0, 0, TimeSpan.Zero);

    private static DirectoryLine Line(LineGranularity g, string provider, DateTimeOffset from, DateTimeOffset? to = null, string? code = null, string? suffix = null) =>
        new($"L-{g}-{provider}", 1, g, Siren, g is LineGranularity.Siret or LineGranularity.RoutingCode ? Siret : null, code, suffix, provider, from, to);

    private static LineTarget Target(string id) => LineTarget.Of(PartyId.Parse(id))!;

    [Fact]
    public void The_most_specific_valid_line_wins_routing_code_then_siret_then_suffix_then_siren()
    {
        DirectoryLine[] lines =
        [
            Line(LineGranularity.Siren, "p-siren", Jan), Line(LineGranularity.Siret, "p-siret", Jan),
            Line(LineGranularity.RoutingCode, "p-code", Jan, code: "COMPTA"), Line(LineGranularity.Suffix, "p-suffix", Jan, suffix: "ACHATS"),
        ];

        Assert.Equal("p-code", LineSelection.Select(Target($"0225:{Siren}_{Siret}_COMPTA"), lines, Jul).Line!.ProviderId);
        Assert.Equal("p-siret", LineSelection.Select(Target($"0225:{Siren}_{Siret}_OTHER"), lines, Jul).Line!.ProviderId);
        Assert.Equal("p-siret", LineSelection.Select(Target(Siret), lines, Jul).Line!.ProviderId);
        Assert.Equal("p-suffix", LineSelection.Select(Target($"0225:{Siren}_achats"), lines, Jul).Line!.ProviderId);
        Assert.Equal("p-siren", LineSelection.Select(Target(Siren), lines, Jul).Line!.ProviderId);
        Assert.Equal("p-siren", LineSelection.Select(Target("FR44732829320"), lines, Jul).Line!.ProviderId);
    }

    [Fact]
    public void A_siret_without_its_own_line_falls_back_to_the_siren_line_and_says_why()
    {
        var (line, notes) = LineSelection.Select(Target(Siret), [Line(LineGranularity.Siren, "p-siren", Jan)], Jul);

        Assert.Equal("p-siren", line!.ProviderId);
        Assert.Equal(["no Siret line"], notes);
    }

    [Fact]
    public void A_dated_switch_routes_invoices_before_and_after_it_to_the_old_and_new_provider()
    {
        DirectoryLine[] lines = [Line(LineGranularity.Siren, "old", Jan, Jul) with { Version = 1 }, Line(LineGranularity.Siren, "new", Jul) with { Version = 2 }];

        Assert.Equal("old", LineSelection.Select(Target(Siren), lines, Jul.AddTicks(-1)).Line!.ProviderId);
        Assert.Equal("new", LineSelection.Select(Target(Siren), lines, Jul).Line!.ProviderId);
        Assert.Null(LineSelection.Select(Target(Siren), lines, Jan.AddDays(-1)).Line);
    }

    [Fact]
    public void An_ended_siret_line_is_reported_and_the_siren_line_used()
    {
        DirectoryLine[] lines = [Line(LineGranularity.Siret, "p-siret", Jan, Jul), Line(LineGranularity.Siren, "p-siren", Jan)];

        var (line, notes) = LineSelection.Select(Target(Siret), lines, Jul.AddDays(1));

        Assert.Equal("p-siren", line!.ProviderId);
        Assert.Contains("not valid on 2026-07-02", Assert.Single(notes), StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_decides_the_provider_over_registrations_and_explain_shows_it()
    {
        var facts = new Facts();
        var recipient = facts.Recipient with { Registrations = [new("ap-nord", [], true)] };
        var routing = RoutingFactsWith(recipient, [Line(LineGranularity.Siren, "ap-sud", Jan)]);

        var decision = RoutingPolicy.Decide(routing);

        Assert.Equal(("ap-sud", "directory_line"), (decision.Route!.Provider.ProviderId, decision.Route.ChosenBecause));
        Assert.Equal(RuleVerdict.Passed, decision.Rules.Single(r => r.Rule == RuleNames.DirectoryLine).Verdict);
        Assert.Equal("L-Siren-ap-sud", decision.Route.Line!.LineId);
    }

    [Fact]
    public void A_line_naming_an_unknown_platform_is_refused_rather_than_silently_rerouted()
    {
        var decision = RoutingPolicy.Decide(RoutingFactsWith(new Facts().Recipient, [Line(LineGranularity.Siren, "ap-elsewhere", Jan)]));

        Assert.Equal(RejectionReasons.NoServiceProvider, decision.Rejection!.Reason);
        Assert.Equal("ap-elsewhere", decision.Rejection.Metadata["provider"]);
    }

    private static RoutingFacts RoutingFactsWith(Directory.EntityFacts recipient, IReadOnlyList<DirectoryLine> lines) =>
        new(null, RecipientLookup.Found(RecipientReferenceKind.Identifier, $"0009:{Siret}", recipient, $"0009:{Siret}"), Directory.RelationFacts.None,
            new[] { Facts.Nord, Facts.Sud }.ToDictionary(p => p.ProviderId), null)
        {
            At = Jul,
            Target = LineTarget.Of(PartyId.Parse(Siret)),
            Lines = lines,
        };
}
