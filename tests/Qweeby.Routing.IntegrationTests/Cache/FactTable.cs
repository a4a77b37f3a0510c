using Npgsql;
using Qweeby.Routing.Data.Cache;

namespace Qweeby.Routing.IntegrationTests.Cache;

/// <summary>A table of the test's own standing in for directory tables, and a look at pending invalidations.</summary>
public sealed class FactTable(NpgsqlDataSource dataSource)
{
    private int _loads;

    public int LoadCount => Volatile.Read(ref _loads);

    public static async Task<FactTable> CreateAsync(NpgsqlDataSource dataSource)
    {
        await using var cmd = dataSource.CreateCommand("CREATE TABLE test_fact (name text PRIMARY KEY, value text NOT NULL)");
        await cmd.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        return new FactTable(dataSource);
    }

    public async Task InsertAsync(CacheKey key, string value)
    {
        await using var cmd = dataSource.CreateCommand("INSERT INTO test_fact (name, value) VALUES ($1, $2)");
        cmd.Parameters.Add(new() { Value = key.Name });
        cmd.Parameters.Add(new() { Value = value });
        await cmd.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The write a directory writer would do, inside <see cref="DirectoryWrite"/>.</summary>
    public static async Task UpdateAsync(DirectoryTransaction tx, CacheKey key, string value, CancellationToken ct)
    {
        await using var cmd = tx.CreateCommand("UPDATE test_fact SET value = $2 WHERE name = $1");
        cmd.Parameters.Add(new() { Value = key.Name });
        cmd.Parameters.Add(new() { Value = value });
        await cmd.ExecuteNonQueryAsync(ct);
        tx.Changes(key);
    }

    public async Task<Fact?> LoadAsync(CacheKey key, CancellationToken ct)
    {
        Interlocked.Increment(ref _loads);
        await using var cmd = dataSource.CreateCommand("SELECT value FROM test_fact WHERE name = $1");
        cmd.Parameters.Add(new() { Value = key.Name });
        return await cmd.ExecuteScalarAsync(ct) is string value ? new Fact(value) : null;
    }

    public async Task<long> PendingInvalidationsAsync()
    {
        await using var cmd = dataSource.CreateCommand("SELECT count(*) FROM cache_invalidation");
        return (long)(await cmd.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
