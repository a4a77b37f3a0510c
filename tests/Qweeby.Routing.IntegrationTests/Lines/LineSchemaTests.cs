using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Qweeby.Routing.Data.Postgres;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Lines;

/// <summary>The schema's own checks on a line's numbers, the last guard behind every writer's validation.</summary>
public sealed class LineSchemaTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await new MigrationRunner(_database.DataSource, NullLogger<MigrationRunner>.Instance).MigrateAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Theory]
    [InlineData("732829320", null, true)]
    [InlineData("732829320", "73282932000074", true)]
    [InlineData("73282932X", null, false)]
    [InlineData("+73282932", null, false)]
    [InlineData(" 73282932", null, false)]
    [InlineData("7328293201", null, false)]
    [InlineData("７32829320", null, false)]
    [InlineData("732829320", "7328293200007X", false)]
    [InlineData("732829320", "73282932000074 ", false)]
    [InlineData("732829320", "11111111100012", false)]
    public async Task A_siren_and_siret_are_exactly_ascii_digits_and_the_siret_starts_with_the_siren(string siren, string? siret, bool accepted)
    {
        await using var insert = _database.DataSource.CreateCommand("""
            INSERT INTO directory_line (line_id, version, granularity, siren, siret, address, provider_id, valid_from, change, changed_by)
            VALUES ($1, 1, $2, $3, $4, $5, 'P1', now(), 'created', 'test')
            """);
        insert.Parameters.Add(new() { Value = Guid.NewGuid().ToString("N") });
        insert.Parameters.Add(new() { Value = siret is null ? "SIREN" : "SIRET" });
        insert.Parameters.Add(new() { Value = siren });
        insert.Parameters.Add(new() { Value = (object?)siret ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        insert.Parameters.Add(new() { Value = siret is null ? siren : $"{siren}_{siret}" });

        if (accepted)
            Assert.Equal(1, await insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        else
            Assert.Equal(PostgresErrorCodes.CheckViolation,
                (await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken))).SqlState);
    }
}
