using Qweeby.Routing.Core.Imports;

namespace Qweeby.Routing.Core.Tests.Imports;

public sealed class FirstRejectionsTests
{
    private static FirstRejections<int> Rows() => new((a, b) => a.CompareTo(b));

    [Fact]
    public void Every_rejection_is_counted_and_the_first_thousand_by_row_are_listed_whatever_their_arrival_order()
    {
        var rows = Enumerable.Range(1, 5_000).ToArray();
        new Random(11).Shuffle(rows);
        var rejections = Rows();

        rejections.AddRange(rows);

        Assert.Equal(5_000, rejections.Count);
        Assert.Equal(Enumerable.Range(1, FirstRejections.Listed), rejections.Listed());
    }

    [Fact]
    public void Fewer_than_a_thousand_are_all_listed_in_row_order()
    {
        var rejections = Rows();

        rejections.AddRange([30, 4, 17]);

        Assert.Equal(3, rejections.Count);
        Assert.Equal([4, 17, 30], rejections.Listed());
    }

    [Fact]
    public void Rejections_of_one_row_keep_the_order_they_came_in()
    {
        var rejections = new FirstRejections<(int Row, string Value)>((a, b) => a.Row.CompareTo(b.Row));
        var sameRow = Enumerable.Range(0, 50).Select(i => (7, $"identifier {i}")).ToArray();

        rejections.AddRange([.. Enumerable.Range(100, 2_500).Select(r => (r, "late")), .. sameRow]);

        Assert.Equal(sameRow, rejections.Listed().Take(50));
    }

    [Fact]
    public void A_rejection_of_an_earlier_row_arriving_late_still_takes_its_place()
    {
        var rejections = Rows();
        rejections.AddRange(Enumerable.Range(100, 3_000));

        rejections.Add(7);

        Assert.Equal(3_001, rejections.Count);
        Assert.Equal([7, 100, 101], rejections.Listed().Take(3));
        Assert.Equal(FirstRejections.Listed, rejections.Listed().Count);
    }
}
