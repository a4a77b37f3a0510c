using CsCheck;
using Qweeby.Routing.Core.Addressing;
using Xunit;

namespace Qweeby.Routing.Core.Tests.Addressing;

public sealed class MirrorBatchChecksTests
{
    private static readonly DateTimeOffset Jan = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static MirrorRow Row(int rowNumber, string lineId, string siren, int fromMonth, int? toMonth = null) =>
        new(rowNumber, lineId, LineGranularity.Siren, siren, null, null, null, "P1", Jan.AddMonths(fromMonth), toMonth is { } to ? Jan.AddMonths(to) : null);

    [Fact]
    public void A_line_id_given_again_is_refused_naming_the_id_and_the_first_row_is_kept()
    {
        var (accepted, rejected) = MirrorBatchChecks.Split([Row(2, "L1", "111111111", 0), Row(3, "L1", "222222222", 0)]);

        Assert.Equal(2, Assert.Single(accepted).RowNumber);
        var refusal = Assert.Single(rejected);
        Assert.Equal((3, "line_id"), (refusal.RowNumber, refusal.Field));
        Assert.Contains("L1", refusal.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Lines_of_one_address_may_follow_each_other_but_not_overlap()
    {
        var (accepted, rejected) = MirrorBatchChecks.Split(
        [
            Row(2, "A", "111111111", 0, 3),
            Row(3, "B", "111111111", 3),          // starts where A ends: no overlap
            Row(4, "C", "111111111", 1, 2),       // inside A
            Row(5, "D", "222222222", 1, 2),       // another address
        ]);

        Assert.Equal([2, 3, 5], accepted.Select(r => r.RowNumber));
        var refusal = Assert.Single(rejected);
        Assert.Equal((4, "valid_from"), (refusal.RowNumber, refusal.Field));
        Assert.Contains("line A ", refusal.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_row_is_not_held_against_the_rows_after_it()
    {
        // B overlaps A and is refused; C overlaps only B, so it stands.
        var (accepted, rejected) = MirrorBatchChecks.Split(
            [Row(2, "A", "111111111", 0, 2), Row(3, "B", "111111111", 1, 4), Row(4, "C", "111111111", 3)]);

        Assert.Equal([2, 4], accepted.Select(r => r.RowNumber));
        Assert.Equal(3, Assert.Single(rejected).RowNumber);
    }

    [Fact]
    public void Rows_are_judged_in_file_order_whatever_order_they_come_in()
    {
        var (accepted, rejected) = MirrorBatchChecks.Split([Row(9, "L1", "111111111", 0), Row(2, "L1", "111111111", 5)]);

        Assert.Equal(2, Assert.Single(accepted).RowNumber);
        Assert.Equal(9, Assert.Single(rejected).RowNumber);
    }

    private static readonly Gen<MirrorRow[]> Batches =
        Gen.Select(Gen.Int[0, 5], Gen.Int[0, 3], Gen.Int[0, 24], Gen.Int[0, 12])
            .Array[0, 40]
            .Select(cells => cells.Select((c, i) =>
                Row(i + 2, $"L{c.Item1}", $"10000000{c.Item2}", c.Item3, c.Item4 == 0 ? null : c.Item3 + c.Item4)).ToArray());

    [Fact]
    public void Every_row_is_either_kept_or_refused_and_what_is_kept_is_consistent()
    {
        Batches.Sample(rows =>
        {
            var (accepted, rejected) = MirrorBatchChecks.Split(rows);

            Assert.Equal(rows.Select(r => r.RowNumber).Order(), accepted.Select(r => r.RowNumber).Concat(rejected.Select(r => r.RowNumber)).Order());
            Assert.Equal(accepted.Count, accepted.Select(r => r.LineId).Distinct().Count());
            foreach (var a in accepted)
                Assert.DoesNotContain(accepted, b => b != a && b.Address == a.Address && MirrorBatchChecks.Overlap(a, b));
            // Each refusal has its cause before it: the same line id in any row, an overlapping line among the rows kept.
            foreach (var refusal in rejected)
            {
                var row = rows.Single(r => r.RowNumber == refusal.RowNumber);
                Assert.True(refusal.Field == "line_id"
                    ? rows.Any(r => r.RowNumber < row.RowNumber && r.LineId == row.LineId)
                    : accepted.Any(a => a.RowNumber < row.RowNumber && a.Address == row.Address && MirrorBatchChecks.Overlap(a, row)));
            }
        }, iter: 2_000);
    }
}
