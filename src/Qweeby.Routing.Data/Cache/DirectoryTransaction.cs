using Npgsql;

namespace Qweeby.Routing.Data.Cache;

/// <summary>
/// One directory write in progress (see <see cref="DirectoryWrite"/>): run SQL on <see cref="Connection"/> in
/// <see cref="Transaction"/>, and declare each cached fact the write changes with <see cref="Changes"/>.
/// </summary>
public sealed class DirectoryTransaction
{
    private readonly HashSet<CacheKey> _changed = [];

    internal DirectoryTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        Connection = connection;
        Transaction = transaction;
    }

    public NpgsqlConnection Connection { get; }

    public NpgsqlTransaction Transaction { get; }

    internal IReadOnlyCollection<CacheKey> ChangedKeys => _changed;

    public NpgsqlCommand CreateCommand(string sql) => new(sql, Connection, Transaction);

    /// <summary>Declares facts whose cached answers this write changes (<see cref="CacheKeys"/>).</summary>
    public void Changes(params IEnumerable<CacheKey> keys) => _changed.UnionWith(keys);
}
