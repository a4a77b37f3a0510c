using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Qweeby.Routing.Data.Postgres;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Foundation;

public sealed class MigrationTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Two_hosts_migrating_a_fresh_database_at_the_same_moment_apply_each_migration_once()
    {
        // Two data sources: two processes' worth of connections racing for the advisory lock.
        await using var first = NpgsqlDataSource.Create(_database.ConnectionString);
        await using var second = NpgsqlDataSource.Create(_database.ConnectionString);
        var ct = TestContext.Current.CancellationToken;

        var applied = await Task.WhenAll(
            new MigrationRunner(first, NullLogger<MigrationRunner>.Instance).MigrateAsync(ct),
            new MigrationRunner(second, NullLogger<MigrationRunner>.Instance).MigrateAsync(ct));

        Assert.Equal(MigrationRunner.Embedded.Count, applied.Sum());
        Assert.Contains(0, applied);
        await using var cmd = _database.DataSource.CreateCommand("SELECT count(*), count(DISTINCT version) FROM schema_migrations");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        Assert.Equal(MigrationRunner.Embedded.Count, reader.GetInt64(0));
        Assert.Equal(reader.GetInt64(0), reader.GetInt64(1));
    }

    [Fact]
    public async Task Migrating_an_up_to_date_database_changes_nothing()
    {
        var runner = new MigrationRunner(_database.DataSource, NullLogger<MigrationRunner>.Instance);
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(MigrationRunner.Embedded.Count, await runner.MigrateAsync(ct));
        Assert.Equal(0, await runner.MigrateAsync(ct));
    }

    [Fact]
    public void Migrations_are_numbered_without_gaps_from_one()
    {
        var versions = MigrationRunner.Embedded.Select(m => m.Version).ToList();
        Assert.Equal(Enumerable.Range(1, versions.Count), versions);
    }
}
