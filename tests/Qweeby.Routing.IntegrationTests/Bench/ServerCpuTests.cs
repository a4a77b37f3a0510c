using Npgsql;
using Qweeby.Routing.Bench.Load;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Bench;

/// <summary>The bench's reading of Postgres's and Redis's CPU time from /proc.</summary>
public sealed class ServerCpuTests
{
    [Fact]
    public void A_server_line_counts_its_own_and_its_reaped_childrens_time()
    {
        // utime 120, stime 30, cutime 7, cstime 3: fields 14 to 17.
        const string line = "4242 (postgres) S 1 4242 4242 0 -1 4194560 900 0 0 0 120 30 7 3 20 0 1 0 1234 200000000 5000 18446744073709551615";
        Assert.Equal(160, ServerCpu.Ticks(line));
        Assert.Equal(160, ServerCpu.Ticks(line.Replace("(postgres)", "(redis-server)")));
    }

    [Theory]
    [InlineData("4242 (dotnet) S 1 4242 4242 0 -1 4194560 900 0 0 0 120 30 7 3 20 0 1 0 1234")]
    [InlineData("4242 (postgres) worker) S 1 4242 4242 0 -1 4194560 900 0 0 0 120 30 7 3 20 0 1 0 1234")]
    public void Other_commands_count_nothing_even_with_parentheses_in_their_name(string line) =>
        Assert.Equal(0, ServerCpu.Ticks(line));

    [Fact]
    public async Task Work_done_by_the_local_Postgres_shows_in_its_CPU_time()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "reads /proc");
        var before = ServerCpu.Now();
        await using var connection = new NpgsqlConnection(TestEnvironment.PostgresAdmin);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM generate_series(1, 10000000)", connection) { CommandTimeout = 120 };
        await cmd.ExecuteScalarAsync(TestContext.Current.CancellationToken);
        Assert.True(ServerCpu.Now() - before >= TimeSpan.FromSeconds(0.3), $"{ServerCpu.Now() - before}");
    }
}
