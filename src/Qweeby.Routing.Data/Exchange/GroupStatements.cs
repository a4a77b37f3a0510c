using Npgsql;
using NpgsqlTypes;

namespace Qweeby.Routing.Data.Exchange;

/// <summary>
/// A group of items written as array parameters (one statement for many rows), cut into runs that keep each
/// statement's documents under a byte budget: one message to Postgres may not pass 1 GiB, and a statement's rows are
/// sorted and held in the backend's memory together.
/// </summary>
internal static class GroupStatements
{
    /// <summary>Documents one statement carries at most, unless a single item's document is larger (it goes alone).</summary>
    public const long DocumentBudget = 4 * 1024 * 1024;

    /// <summary>Runs of consecutive items, in order, each with at least one item.</summary>
    public static List<ArraySegment<T>> Runs<T>(T[] items, Func<T, int> documentBytes, long budget = DocumentBudget)
    {
        var runs = new List<ArraySegment<T>>();
        var (start, bytes) = (0, 0L);
        for (var i = 0; i < items.Length; i++)
        {
            var size = documentBytes(items[i]);
            if (i > start && bytes + size > budget)
            {
                runs.Add(new ArraySegment<T>(items, start, i - start));
                (start, bytes) = (i, 0);
            }
            bytes += size;
        }
        if (items.Length > start)
            runs.Add(new ArraySegment<T>(items, start, items.Length - start));
        return runs;
    }

    /// <summary>
    /// One column of the rows (a run's items, or rows derived from them) as an array parameter; <paramref name="element"/>
    /// where Npgsql cannot tell the type from the values (nulls, memory).
    /// </summary>
    public static NpgsqlParameter Column<TRow, T>(IReadOnlyList<TRow> rows, Func<TRow, T> value, NpgsqlDbType? element = null)
    {
        var values = new T[rows.Count];
        for (var i = 0; i < values.Length; i++)
            values[i] = value(rows[i]);
        var column = new NpgsqlParameter { Value = values };
        if (element is { } type)
            column.NpgsqlDbType = NpgsqlDbType.Array | type;
        return column;
    }
}
