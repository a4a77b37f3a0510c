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
    public async Task A_query_shows_in_its_backend_s_CPU_time_and_in_the_servers_total()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var connection = new NpgsqlConnection(TestEnvironment.PostgresAdmin);
        await connection.OpenAsync(ct);
        await using var pid = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        var stat = $"/proc/{(int)(await pid.ExecuteScalarAsync(ct))!}/stat";
        Assert.SkipUnless(File.Exists(stat), "the tests' Postgres runs on another machine");
        var (backendBefore, totalBefore) = (ServerCpu.Ticks(File.ReadAllText(stat)), ServerCpu.Now());

        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM generate_series(1, 5000000)", connection) { CommandTimeout = 120 };
        await cmd.ExecuteScalarAsync(ct);

        // Ticks are hundredths of a second: a count of five million rows takes well over ten of them.
        var backendTicks = ServerCpu.Ticks(File.ReadAllText(stat)) - backendBefore;
        Assert.True(backendTicks >= 10, $"{backendTicks} ticks");
        Assert.True(ServerCpu.Now() - totalBefore >= TimeSpan.FromSeconds(backendTicks / 100.0), $"{ServerCpu.Now() - totalBefore}");
    }
}
