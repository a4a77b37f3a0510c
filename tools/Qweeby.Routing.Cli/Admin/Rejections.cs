namespace Qweeby.Routing.Cli.Admin;

/// <summary>How an import's rejections are summed up: the host lists the first thousand and counts them all.</summary>
internal static class Rejections
{
    public static string Summary(int count, int listed) =>
        count > listed ? $"{count:N0} rejected (the first {listed:N0} listed)" : $"{count:N0} rejected";
}
