using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Qweeby.Routing.Data.Postgres;

/// <summary>
/// Applies the numbered SQL files embedded under Migrations/ in order, once each, recording them in
/// <c>schema_migrations</c>. Hosts starting together serialize on a session advisory lock, so the
/// second one finds the work done.
/// </summary>
public sealed class MigrationRunner(NpgsqlDataSource dataSource, ILogger<MigrationRunner> logger)
{
    // Arbitrary constant shared by every process that migrates this database.
    private const long AdvisoryLockKey = 0x5157_4545_4259_0001;

    public static IReadOnlyList<Migration> Embedded { get; } = LoadEmbedded();

    public async Task<int> MigrateAsync(CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await ExecuteAsync(conn, $"SELECT pg_advisory_lock({AdvisoryLockKey})", ct);
        try
        {
            await ExecuteAsync(conn, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    integer PRIMARY KEY,
                    name       text NOT NULL,
                    checksum   text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, ct);
            var applied = await ReadAppliedAsync(conn, ct);
            var count = 0;
            foreach (var migration in Embedded)
            {
                if (applied.TryGetValue(migration.Version, out var checksum))
                {
                    if (checksum != migration.Checksum)
                        throw new InvalidOperationException(
                            $"Migration {migration.Name} was changed after it was applied; add a new migration instead of editing it.");
                    continue;
                }
                await ApplyAsync(conn, migration, ct);
                count++;
            }
            return count;
        }
        finally
        {
            try
            {
                await ExecuteAsync(conn, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
            }
            catch
            {
                // Pooled connections keep their session (no reset on close): this one must not go back holding the lock.
                NpgsqlConnection.ClearPool(conn);
                throw;
            }
        }
    }

    private async Task ApplyAsync(NpgsqlConnection conn, Migration migration, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        // No time limit: a migration building an index on a directory of millions runs for minutes.
        await using (var cmd = new NpgsqlCommand(migration.Sql, conn, tx) { CommandTimeout = 0 })
            await cmd.ExecuteNonQueryAsync(ct);
        await using (var record = new NpgsqlCommand(
            "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", conn, tx))
        {
            record.Parameters.Add(new() { Value = migration.Version });
            record.Parameters.Add(new() { Value = migration.Name });
            record.Parameters.Add(new() { Value = migration.Checksum });
            await record.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        logger.LogInformation("Applied migration {Migration}", migration.Name);
    }

    private static async Task<Dictionary<int, string>> ReadAppliedAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var applied = new Dictionary<int, string>();
        await using var cmd = new NpgsqlCommand("SELECT version, checksum FROM schema_migrations", conn);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            applied[reader.GetInt32(0)] = reader.GetString(1);
        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static List<Migration> LoadEmbedded()
    {
        var assembly = typeof(MigrationRunner).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Migrations.", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Migration.FromResource(assembly, n))
            .OrderBy(m => m.Version)
            .ToList();
    }
}

/// <summary>One numbered SQL file, e.g. <c>0001_directory.sql</c>.</summary>
public sealed record Migration(int Version, string Name, string Sql, string Checksum)
{
    internal static Migration FromResource(Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Missing embedded migration {resourceName}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var sql = reader.ReadToEnd();
        var name = resourceName["Migrations.".Length..];
        var version = int.Parse(name[..name.IndexOf('_', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
        return new Migration(version, name, sql, checksum);
    }
}
