using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Qweeby.Routing.Data.Postgres;

namespace Qweeby.Routing.Bench.Generation;

/// <summary>
/// A database of the bench's own per directory size (<c>qweeby_bench_10k</c>, <c>qweeby_bench_5m</c>), migrated
/// and loaded once, then reused: loading five million entities takes minutes. Its <c>bench_info</c> row says
/// it is complete and how its load went.
/// </summary>
public static class BenchDatabase
{
    /// <summary>
    /// The connection string of the bench and of every host it starts. Six hosts share one Postgres (200
    /// connections, with other developers' tests beside): each pool keeps at most 40 and closes idle ones after
    /// 10 s, so that a host done with its scenario gives its connections back to the next one.
    /// </summary>
    public static string Connection(string adminConnection, string database) =>
        new NpgsqlConnectionStringBuilder(adminConnection)
        {
            Database = database,
            MaxPoolSize = 40,
            ConnectionIdleLifetime = 10,
            ConnectionPruningInterval = 5,
        }.ConnectionString;

    /// <summary>The database loaded with <paramref name="entities"/> entities, and how that load went.</summary>
    /// <param name="settleJit">Warm the loader up and let the JIT settle before the timed load (not for a smoke run).</param>
    public static async Task<LoadReport> PrepareAsync(string adminConnection, string database, long entities, bool reload, bool settleJit,
        Action<string> log, CancellationToken ct)
    {
        var connection = Connection(adminConnection, database);
        if (!reload && await ExistingLoadAsync(adminConnection, connection, database, entities, ct) is { } existing)
        {
            log($"{database}: reusing the directory of {entities:N0} entities loaded {existing.LoadedAt:yyyy-MM-dd HH:mm} UTC (--reload to load it again)");
            return existing;
        }

        log($"{database}: creating and loading {entities:N0} entities");
        await DatabaseDrop.DropAsync(adminConnection, database, ct);
        // Byte-order collation, as tools/deps.sh now initializes clusters: see BytewiseCollation.
        await AdminAsync(adminConnection, $"CREATE DATABASE {database} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'", ct);
        await using var db = NpgsqlDataSource.Create(connection);
        await new MigrationRunner(db, NullLogger<MigrationRunner>.Instance).MigrateAsync(ct);
        var report = await new DirectoryGenerator(db, log).LoadAsync(entities, settleJit, ct);
        await using (var create = db.CreateCommand("CREATE TABLE bench_info (entities bigint NOT NULL, load jsonb NOT NULL)"))
            await create.ExecuteNonQueryAsync(ct);
        await using var cmd = db.CreateCommand("INSERT INTO bench_info VALUES ($1, $2)");
        cmd.Parameters.Add(new() { Value = entities });
        cmd.Parameters.Add(new() { Value = JsonSerializer.Serialize(report), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb });
        await cmd.ExecuteNonQueryAsync(ct);
        return report;
    }

    /// <summary>
    /// Why the bench's databases sort text with the "C" collation: glibc's C.UTF-8 orders by code point, exactly as
    /// "C" orders UTF-8 bytes, but Postgres only knows "C" to be bytewise, so under C.UTF-8 every comparison goes
    /// through strcoll() and sorts lose abbreviated keys. Same order, and building the 20 million row identifier key
    /// of the 5M directory takes 12 s instead of 52 s (its B-tree lookups get cheaper too). Character classes
    /// (lower(), unaccent for search) still follow C.UTF-8.
    /// </summary>
    public const string BytewiseCollation = "C";

    public static Task DropAsync(string adminConnection, string database, CancellationToken ct)
    {
        NpgsqlConnection.ClearAllPools();
        return DatabaseDrop.DropAsync(adminConnection, database, ct);
    }

    private static async Task<LoadReport?> ExistingLoadAsync(string adminConnection, string connection, string database, long entities, CancellationToken ct)
    {
        await using (var admin = new NpgsqlConnection(adminConnection))
        {
            await admin.OpenAsync(ct);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", admin) { Parameters = { new() { Value = database } } };
            if (await exists.ExecuteScalarAsync(ct) is null)
                return null;
        }
        await using var db = NpgsqlDataSource.Create(connection);
        try
        {
            // Migrations added since the load apply now; the directory tables they do not touch stay loaded.
            await new MigrationRunner(db, NullLogger<MigrationRunner>.Instance).MigrateAsync(ct);
            await using var cmd = db.CreateCommand("SELECT entities, load::text FROM bench_info");
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            return await reader.ReadAsync(ct) && reader.GetInt64(0) == entities
                ? JsonSerializer.Deserialize<LoadReport>(reader.GetString(1))
                : null;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return null; // a load that never finished
        }
    }

    private static async Task AdminAsync(string adminConnection, string sql, CancellationToken ct)
    {
        await using var admin = new NpgsqlConnection(adminConnection);
        await admin.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, admin);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
