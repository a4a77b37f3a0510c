using Qweeby.Routing.Core.Addressing;
using Qweeby.Routing.Core.Identifiers;

namespace Qweeby.Routing.Core.Tests.Addressing;

/// <summary>
/// Routing reads (and caches) only the lines at a target's own addresses: that must be every line the target
/// matches, and no other, whatever the target and the line.
/// </summary>
public sealed class LineTargetAddressesTests
{
    private const string Siren = "732829320";
    private const string Siret = "73282932000074";
    private const string OtherSiret = "73282932000090";
    private const string OtherSiren = "552032534";
    private static readonly DateTimeOffset Jan = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Targets =
    [
        Siren, Siret, OtherSiret, $"0225:{Siren}_{Siret}_COMPTA", $"0225:{Siren}_{Siret}_compta", $"0225:{Siren}_{Siret}_OTHER",
        $"0225:{Siren}_ACHATS", $"0225:{Siren}_achats", $"0225:{Siren}_VENTES", $"0225:{Siren}_a.b-c", $"0225:{Siren}_A_B", "FR44732829320",
        $"0225:{Siren}",
        OtherSiren,
    ];

    /// <summary>Lines as the mirror and the admin API make them (<see cref="MirrorFile.Check"/>), from lower-case cells.</summary>
    private static IEnumerable<DirectoryLine> Lines()
    {
        foreach (var siren in new[] { Siren, OtherSiren })
        {
            var siret = siren == Siren ? Siret : "55203253400646";
            yield return Line(siren, "", "", "");
            yield return Line(siren, siret, "", "");
            yield return Line(siren, siret, "compta", "");
            yield return Line(siren, "", "", "achats");
            yield return Line(siren, "", "", "a.b-c");
        }
        yield return Line(Siren, OtherSiret, "", "");
        yield return Line(Siren, OtherSiret, "compta", "");
        yield return Line(Siren, Siret, "other", "");
    }

    private static DirectoryLine Line(string siren, string siret, string code, string suffix)
    {
        var (row, rejection) = MirrorFile.Check(0, $"L-{siren}-{siret}-{code}-{suffix}", siren, siret, code, suffix, "ap", Jan, null);
        Assert.Null(rejection);
        return row!.ToLine(1);
    }

    public static TheoryData<string> AllTargets() => [.. Targets];

    [Theory]
    [MemberData(nameof(AllTargets))]
    public void A_target_matches_exactly_the_lines_at_its_addresses(string identifier)
    {
        var target = LineTarget.Of(PartyId.Parse(identifier))!;
        var addresses = target.Addresses();

        foreach (var line in Lines())
            Assert.True(target.Matches(line) == addresses.Contains(line.Address),
                $"{identifier} {(target.Matches(line) ? "matches" : "does not match")} {line.Describe()}, addresses {string.Join(", ", addresses)}");
    }

    [Fact]
    public void The_sirens_own_address_comes_first_and_each_address_once()
    {
        var addresses = LineTarget.Of(PartyId.Parse($"0225:{Siren}_{Siret}_compta"))!.Addresses();

        Assert.Equal([Siren, $"{Siren}_{Siret}", $"{Siren}_{Siret}_COMPTA"], addresses);
    }
}
