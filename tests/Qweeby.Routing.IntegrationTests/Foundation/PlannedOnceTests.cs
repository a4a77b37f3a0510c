using Npgsql;
using Qweeby.Routing.Data.Postgres;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Foundation;

/// <summary>
/// A stream read runs on its generic plan, without parallel workers and without Memoize (whose hash table, allocated
/// and zeroed at every execution, was a tenth of Postgres's CPU during Submit -> DELIVERED), for its own transaction only.
/// </summary>
public sealed class PlannedOnceTests
{
    private const string Settings =
        "SELECT current_setting('plan_cache_mode'), current_setting('max_parallel_workers_per_gather'), current_setting('enable_memoize')";

    [Fact]
    public async Task The_read_sees_its_settings_and_the_next_command_on_the_same_connection_the_defaults()
    {
        await using var db = await TestDatabase.CreateAsync();
        // One connection, kept as the hosts keep theirs (no reset when it goes back to the pool): the command after the
        // read runs where the read ran, and sees whatever the read left in its session.
        await using var single = NpgsqlDataSource.Create(db.ConnectionString + ";Maximum Pool Size=1;No Reset On Close=true");

        var during = await PlannedOnce.ReadAsync(single, new NpgsqlBatchCommand(Settings),
            r => (r.GetString(0), r.GetString(1), r.GetString(2)), TestContext.Current.CancellationToken);
        await using var after = single.CreateCommand(Settings);
        await using var reader = await after.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        await reader.ReadAsync(TestContext.Current.CancellationToken);

        Assert.Equal(("force_generic_plan", "0", "off"), Assert.Single(during));
        Assert.Equal(("auto", "2", "on"), (reader.GetString(0), reader.GetString(1), reader.GetString(2)));
    }
}
