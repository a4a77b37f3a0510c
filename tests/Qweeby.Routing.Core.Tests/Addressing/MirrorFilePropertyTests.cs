using CsCheck;
using Qweeby.Routing.Core.Addressing;
using Qweeby.Routing.Core.Tests.Identifiers;
using Xunit;

namespace Qweeby.Routing.Core.Tests.Addressing;

/// <summary>The mirror file's rows: anything is answered (a row or a rejection), valid rows round-trip, and a corrupted cell is named.</summary>
public sealed class MirrorFilePropertyTests
{
    private const long Iterations = 2_000;
    private static readonly string[] Fields = ["line_id", "siren", "siret", "routing_code", "suffix", "platform_id", "valid_from", "valid_to"];

    private static readonly Gen<string> Id = Gen.Select(
        Gen.Char["ABCdef0129"], Gen.Char["ABCXYZabcxyz0189-_.:"].Array[0, 63], (first, rest) => first + new string(rest));

    private static readonly Gen<string> Label = Gen.Select(
        Gen.Char["ABCdef0129"], Gen.Char["ABCXYZabcxyz0189-."].Array[0, 99], (first, rest) => first + new string(rest));

    private static readonly Gen<DateTimeOffset> Day = Gen.Int[0, 36_500].Select(d => new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(d));

    private static readonly Gen<string[]> ValidCells = Gen.Select(
        Id, Gen.Bool, ValidNumbers.Siret, Label.Null(), Id, Day, Gen.Int[0, 3650]).Select((id, bySiret, siret, label, platform, from, days) =>
            new[]
            {
                id, siret[..9], bySiret ? siret : "", bySiret ? label ?? "" : "", bySiret ? "" : label ?? "", platform,
                from.ToString("yyyy-MM-dd"), days == 0 ? "" : from.AddDays(days).ToString("yyyy-MM-dd"),
            });

    // Per field, values no row accepts there (none holds a comma: a cell cannot).
    private static readonly string[][] Corrupt =
    [
        ["", "-starts-with-dash", "has space", "slash/in", new string('a', 65), "é"],
        ["", "12345678", "1234567890", "ABCDEFGHI", "73282932X", "732829321"],
        ["12345", "X", "7328293200007", "732829320000744"],
        ["has space", "_under", "-dash", "é", new string('a', 101)],
        ["has space", "_under", "-dash", "é", new string('a', 101)],
        ["", "-dash", "has space", new string('a', 65)],
        ["", "2024-13-01", "tomorrow", "01/02/2024"],
        ["not a date", "1999-12-31", "2024-02-30"],
    ];

    [Fact]
    public void Any_text_is_answered_with_a_row_or_a_rejection_never_an_exception()
    {
        Gen.OneOf(Gen.String, Gen.String.Array[0, 12].Select(cells => string.Join(',', cells)), Gen.Char.Array.Select(c => new string(c)))
            .Sample(text =>
            {
                var (row, rejection) = MirrorFile.ParseRow(text, 7);
                Assert.True(row is null != rejection is null);
                if (rejection is not null)
                    Assert.Equal(7, rejection.RowNumber);
            }, iter: Iterations);
    }

    [Fact]
    public void A_valid_row_parses_to_the_values_it_was_made_of()
    {
        ValidCells.Sample(cells =>
        {
            var (row, rejection) = MirrorFile.ParseRow(string.Join(" , ", cells), 3);
            Assert.Null(rejection);
            Assert.NotNull(row);
            Assert.Equal((cells[0], cells[1], cells[5], 3), (row.LineId, row.Siren, row.ProviderId, row.RowNumber));
            Assert.Equal(NullIfEmpty(cells[2]), row.Siret);
            Assert.Equal(NullIfEmpty(cells[3])?.ToUpperInvariant(), row.RoutingCode);
            Assert.Equal(NullIfEmpty(cells[4])?.ToUpperInvariant(), row.Suffix);
            Assert.Equal(MirrorFile.ParseDate(cells[6]), row.ValidFrom);
            Assert.Equal(cells[7].Length == 0 ? null : MirrorFile.ParseDate(cells[7]), row.ValidTo);
        }, iter: Iterations);
    }

    [Fact]
    public void A_row_with_one_corrupted_cell_is_rejected_naming_that_cell()
    {
        Gen.Select(ValidCells, Gen.Int[0, 7], Gen.Int[0, 100]).Sample((cells, field, pick) =>
        {
            var corrupted = (string[])cells.Clone();
            corrupted[field] = Corrupt[field][pick % Corrupt[field].Length];
            // A routing code needs a SIRET and a suffix goes without one: on the other shape any value is refused there too.
            var (row, rejection) = MirrorFile.ParseRow(string.Join(',', corrupted), 5);
            Assert.Null(row);
            Assert.NotNull(rejection);
            Assert.Equal((Fields[field], 5), (rejection.Field, rejection.RowNumber));
            Assert.False(string.IsNullOrWhiteSpace(rejection.Reason));
        }, iter: Iterations);
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
