namespace Qweeby.Routing.Cli.Admin;

/// <summary>How an import's rejections are summed up: the host lists the first thousand and counts them all.</summary>
internal static class Rejections
{
    /// <summary>All of them: a host from before the count sends none, and lists them all.</summary>
    public static int Count(int count, int listed) => Math.Max(count, listed);

    /// <param name="noun">"rejected" (rows) or "rejections" (an entity row has one per bad field).</param>
    public static string Summary(int count, int listed, string noun) =>
        Count(count, listed) is var all && all > listed ? $"{all:N0} {noun} (the first {listed:N0} listed)" : $"{all:N0} {noun}";
}
