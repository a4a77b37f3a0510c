using Qweeby.Routing.Core.Addressing;

namespace Qweeby.Routing.Core.Tests.Routing;

public sealed class MirrorFileTests
{
    [Theory]
    [InlineData("L1,732829320,,,,PDP-1,2026-09-01,", LineGranularity.Siren, "732829320")]
    [InlineData("L2,732829320,73282932000074,,,PDP-1,2026-09-01,2027-01-01", LineGranularity.Siret, "732829320_73282932000074")]
    [InlineData("L3,732829320,73282932000074,compta,,PDP-1,2026-09-01T00:00:00+02:00,", LineGranularity.RoutingCode, "732829320_73282932000074_COMPTA")]
    [InlineData("L4,732829320,,,achats.nord,PDP-1,2026-09-01,", LineGranularity.Suffix, "732829320_ACHATS.NORD")]
    public void A_valid_row_gives_its_granularity_and_0225_address(string text, LineGranularity granularity, string address)
    {
        var (row, rejection) = MirrorFile.ParseRow(text, 2);

        Assert.Null(rejection);
        Assert.Equal((granularity, address), (row!.Granularity, row.Address));
    }

    [Theory]
    [InlineData("L1,732829321,,,,PDP-1,2026-09-01,", "siren")]
    [InlineData("L1,732829320,55203253400646,,,PDP-1,2026-09-01,", "siret")]
    [InlineData("L1,732829320,,COMPTA,,PDP-1,2026-09-01,", "routing_code")]
    [InlineData("L1,732829320,73282932000074,,LABEL,PDP-1,2026-09-01,", "suffix")]
    [InlineData("L1,732829320,,,73282932000074,PDP-1,2026-09-01,", "suffix")]
    [InlineData("L1,732829320,,,,,2026-09-01,", "platform_id")]
    [InlineData("L1,732829320,,,,PDP-1,01/09/2026,", "valid_from")]
    [InlineData("L1,732829320,,,,PDP-1,2026-09-01,2026-09-01", "valid_to")]
    [InlineData("L 1,732829320,,,,PDP-1,2026-09-01,", "line_id")]
    [InlineData("L1,732829320,,,,PDP-1,2026-09-01", "row")]
    public void A_bad_row_is_rejected_naming_its_row_and_field(string text, string field)
    {
        var (row, rejection) = MirrorFile.ParseRow(text, 7);

        Assert.Null(row);
        Assert.Equal((7, field), (rejection!.RowNumber, rejection.Field));
        Assert.False(string.IsNullOrWhiteSpace(rejection.Reason));
    }

    [Theory]
    [InlineData("L1,732829320,,,,PDP-1,2026-09-01", 7)]
    [InlineData("L1,732829320,,,,PDP-1,2026-09-01,,", 9)]
    [InlineData("L1,732829320,,,,PDP-1,2026-09-01,,,,,", 12)]
    public void A_row_of_the_wrong_width_says_how_many_cells_it_has(string text, int cells)
    {
        var (_, rejection) = MirrorFile.ParseRow(text, 3);

        Assert.Equal("row", rejection!.Field);
        Assert.Contains($"found {cells}", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Cells_are_read_without_the_spaces_around_them_and_numbers_without_their_separators()
    {
        var (row, rejection) = MirrorFile.ParseRow(" L1 , 732 829 320 , 732-829-320-00074 , compta , , PDP-1 , 2026-09-01 , 2027-01-01 ", 2);

        Assert.Null(rejection);
        Assert.Equal(("L1", "732829320", "73282932000074", "COMPTA", "PDP-1"), (row!.LineId, row.Siren, row.Siret, row.RoutingCode, row.ProviderId));
        Assert.Equal((new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            (row.ValidFrom, row.ValidTo));
    }

    [Fact]
    public void A_line_given_to_the_admin_api_may_have_spaces_and_a_newline_around_its_numbers()
    {
        var (row, rejection) = MirrorFile.Check(0, "L1", " 732829320\n", "73282932000074\t", "", "", "PDP-1", DateTimeOffset.UnixEpoch, null);

        Assert.Null(rejection);
        Assert.Equal(("732829320", "73282932000074"), (row!.Siren, row.Siret));
    }

    [Theory]
    [InlineData("siren")]
    [InlineData("siret")]
    public void An_overlong_number_is_refused_without_being_repeated_back(string field)
    {
        var digits = new string('7', 10_000);
        var (_, rejection) = field == "siren"
            ? MirrorFile.Check(0, "L1", digits, "", "", "", "PDP-1", DateTimeOffset.UnixEpoch, null)
            : MirrorFile.Check(0, "L1", "732829320", digits, "", "", "PDP-1", DateTimeOffset.UnixEpoch, null);

        Assert.Equal(field, rejection!.Field);
        Assert.InRange(rejection.Reason.Length, 1, 200);
    }

    [Fact]
    public void The_header_is_recognised_whatever_its_case()
    {
        Assert.True(MirrorFile.IsHeader(MirrorFile.Header.ToUpperInvariant()));
        Assert.False(MirrorFile.IsHeader("L1,732829320,,,,PDP-1,2026-09-01,"));
    }
}
