using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Core.Security;
using Qweeby.Routing.Data.Cache;
using Qweeby.Routing.IntegrationTests.Infrastructure;
using Qweeby.Routing.Server;

namespace Qweeby.Routing.IntegrationTests.Resilience;

/// <summary>
/// Postgres drops every connection of the host's pool, as a restart or a failover does: the calls that meet a dead
/// connection end UNAVAILABLE with STORE_UNAVAILABLE and a RetryInfo (retryable), never UNKNOWN, and the pool recovers.
/// Only this test's own database's client connections are dropped (an autovacuum worker there is the server's own).
/// </summary>
public sealed class PostgresDropTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    private static async Task<long> TerminateBackendsAsync(string database)
    {
        await using var admin = new NpgsqlConnection(TestEnvironment.PostgresAdmin);
        await admin.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            """
            SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
            WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND usename = current_user
            """, admin);
        cmd.Parameters.Add(new() { Value = database });
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Calls_meeting_connections_postgres_dropped_end_unavailable_with_a_retry_delay_and_the_next_ones_succeed()
    {
        await using var host = await RunningHost.StartAsync(RoutingHost.Build, _database, Keys.Unique());
        var seed = new DirectorySeeder(host.Services.GetRequiredService<DirectoryWrite>());
        var client = new RecipientDirectory.RecipientDirectoryClient(host.CallInvokerFor(await TestCredentials.IssueAsync(_database, [Role.Resolve])));
        await seed.EntityAsync("Coupure Equipements", [TestIds.Siret(TestIds.Siren())]);
        // Several pooled connections, all of which the drop kills.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.SearchAsync(new SearchRequest { Query = "equipements" }).ResponseAsync));

        var killed = await TerminateBackendsAsync(_database.Name);
        var failures = new List<RpcException>();
        var answered = 0;
        for (var i = 0; i < 20 && answered < 3; i++)
        {
            try
            {
                await client.SearchAsync(new SearchRequest { Query = "equipements" });
                answered++;
            }
            catch (RpcException e)
            {
                failures.Add(e);
            }
        }

        Assert.True(killed > 0);
        Assert.NotEmpty(failures);
        Assert.All(failures, f => Assert.Equal((StatusCode.Unavailable, "STORE_UNAVAILABLE"), (f.StatusCode, f.Reason())));
        Assert.All(failures, f => Assert.Equal(TimeSpan.FromSeconds(1), f.GetRpcStatus()!.GetDetail<Google.Rpc.RetryInfo>()!.RetryDelay.ToTimeSpan()));
        Assert.Equal(3, answered);
    }
}
