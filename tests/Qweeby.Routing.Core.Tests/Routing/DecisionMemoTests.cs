using Qweeby.Routing.Core.Addressing;
using Qweeby.Routing.Core.Directory;
using Qweeby.Routing.Core.Identifiers;
using Qweeby.Routing.Core.Routing;

namespace Qweeby.Routing.Core.Tests.Routing;

public sealed class DecisionMemoTests
{
    private const string Siren = "732829320";
    private const string Siret = "73282932000074";
    private static readonly DateTimeOffset Noon = new(2026, 7, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly EntityFacts Recipient = Facts.Entity("Société Générale d'Équipements", $"0009:{Siret}")
        with { Registrations = [new("ap-nord", [], true)] };

    private static readonly IReadOnlyDictionary<string, ProviderFacts> Providers =
        new[] { Facts.Nord, Facts.Sud }.ToDictionary(p => p.ProviderId);

    private static readonly LineTarget Target = LineTarget.Of(PartyId.Parse(Siret))!;

    private static RoutingFacts FactsAt(DateTimeOffset at, IReadOnlyList<DirectoryLine> lines, EntityFacts? recipient = null,
        IReadOnlyDictionary<string, ProviderFacts>? providers = null, SenderLookup? sender = null, string? documentType = null) =>
        new(sender, RecipientLookup.Found(RecipientReferenceKind.Identifier, $"0009:{Siret}", recipient ?? Recipient, $"0009:{Siret}"),
            RelationFacts.None, providers ?? Providers, documentType)
        {
            At = at,
            Target = Target,
            Lines = lines,
        };

    private static DirectoryLine SirenLine(string provider, DateTimeOffset from, DateTimeOffset? to = null) =>
        new($"L-{provider}", 1, LineGranularity.Siren, Siren, null, null, null, provider, from, to);

    [Fact]
    public void The_same_facts_later_the_same_day_give_the_same_decision_object()
    {
        var memo = new DecisionMemo();
        IReadOnlyList<DirectoryLine> lines = [SirenLine("ap-sud", Noon.AddDays(-10))];

        var first = memo.Decide(FactsAt(Noon, lines));

        Assert.Same(first, memo.Decide(FactsAt(Noon.AddHours(3), lines)));
        Assert.Equal("ap-sud", first.Route!.Provider.ProviderId);
    }

    [Fact]
    public void Lines_joined_anew_from_the_same_cached_lines_give_the_same_decision_object_and_equal_copies_decide_again()
    {
        var memo = new DecisionMemo();
        DirectoryLine siren = SirenLine("ap-sud", Noon.AddDays(-10)), siret = SirenLine("ap-nord", Noon.AddDays(-10)) with
        {
            Granularity = LineGranularity.Siret, Siret = Siret,
        };

        var first = memo.Decide(FactsAt(Noon, new List<DirectoryLine> { siren, siret }));

        Assert.Same(first, memo.Decide(FactsAt(Noon, new List<DirectoryLine> { siren, siret })));
        Assert.NotSame(first, memo.Decide(FactsAt(Noon, new List<DirectoryLine> { siren, siret with { } })));
        Assert.Equal("ap-nord", first.Route!.Provider.ProviderId);
    }

    [Fact]
    public void A_line_starting_after_the_first_decision_is_used_from_its_start()
    {
        var memo = new DecisionMemo();
        IReadOnlyList<DirectoryLine> lines = [SirenLine("ap-sud", Noon.AddHours(1))];

        var before = memo.Decide(FactsAt(Noon, lines));
        var after = memo.Decide(FactsAt(Noon.AddHours(1), lines));

        Assert.Equal("ap-nord", before.Route!.Provider.ProviderId);
        Assert.Equal("ap-sud", after.Route!.Provider.ProviderId);
    }

    [Fact]
    public void A_line_ending_is_no_longer_used_from_its_end()
    {
        var memo = new DecisionMemo();
        IReadOnlyList<DirectoryLine> lines = [SirenLine("ap-sud", Noon.AddDays(-1), Noon.AddMinutes(1))];

        Assert.Equal("ap-sud", memo.Decide(FactsAt(Noon, lines)).Route!.Provider.ProviderId);
        Assert.Equal("ap-nord", memo.Decide(FactsAt(Noon.AddMinutes(1), lines)).Route!.Provider.ProviderId);
    }

    [Fact]
    public void The_next_day_decides_again_since_the_rule_path_shows_the_date()
    {
        var memo = new DecisionMemo();
        IReadOnlyList<DirectoryLine> none = [];

        var today = memo.Decide(FactsAt(Noon, none));
        var tomorrow = memo.Decide(FactsAt(Noon.AddDays(1), none));

        Assert.NotSame(today, tomorrow);
        Assert.Contains("2026-07-02", tomorrow.Rules.Single(r => r.Rule == RuleNames.DirectoryLine).Fact);
    }

    [Fact]
    public void Other_fact_objects_sender_or_document_type_decide_again()
    {
        IReadOnlyList<DirectoryLine> none = [];
        var suspended = new[] { Facts.Nord with { IsActive = false }, Facts.Sud }.ToDictionary(p => p.ProviderId);
        var sender = new SenderLookup("0009:55203253400646", Facts.Entity("Qweeby Demo Fournitures", "0009:55203253400646"));
        RoutingFacts[] others =
        [
            FactsAt(Noon, none, recipient: Recipient with { IsActive = false }),
            FactsAt(Noon, none, providers: suspended),
            FactsAt(Noon, [SirenLine("ap-nord", Noon.AddDays(-10))]),
            FactsAt(Noon, none, documentType: "invoice"),
            FactsAt(Noon, none, sender: sender),
            FactsAt(Noon.ToOffset(TimeSpan.FromHours(2)), none),
        ];

        foreach (var other in others)
        {
            var memo = new DecisionMemo();
            var first = memo.Decide(FactsAt(Noon, none));
            Assert.NotSame(first, memo.Decide(other));
        }
        Assert.NotNull(new DecisionMemo().Decide(others[1]).Rejection);
    }

    [Fact]
    public void The_same_choice_span_stops_at_line_boundaries_and_at_the_end_of_the_day()
    {
        IReadOnlyList<DirectoryLine> lines = [SirenLine("a", Noon.AddHours(-2), Noon.AddHours(2)), SirenLine("b", Noon.AddDays(-3))];

        Assert.Equal((Noon.AddHours(-2), Noon.AddHours(2)), LineSelection.SameChoiceSpan(lines, Noon));
        Assert.Equal((Noon.AddHours(2), Noon.AddHours(12)), LineSelection.SameChoiceSpan(lines, Noon.AddHours(2)));
        Assert.Equal((Noon.AddHours(-12), Noon.AddHours(-2)), LineSelection.SameChoiceSpan(lines, Noon.AddHours(-3)));
    }

    [Fact]
    public void Every_fact_the_policy_can_read_is_one_the_memo_compares()
    {
        // A new member here is a new input of the decision: DecisionMemo must compare it before these lists grow.
        Assert.Equal(["At", "DocumentType", "LineChoice", "Lines", "Providers", "Recipient", "Relation", "Sender", "Target"], Members<RoutingFacts>());
        Assert.Equal(["Candidates", "Entity", "Kind", "MatchedBy", "Reference"], Members<RecipientLookup>());
        Assert.Equal(["Entity", "Reference"], Members<SenderLookup>());
    }

    private static IEnumerable<string> Members<T>() => typeof(T).GetProperties().Select(p => p.Name).Order();
}
