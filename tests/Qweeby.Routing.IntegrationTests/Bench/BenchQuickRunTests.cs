using Qweeby.Routing.Bench;
using Qweeby.Routing.IntegrationTests.Infrastructure;
using StackExchange.Redis;

namespace Qweeby.Routing.IntegrationTests.Bench;

/// <summary>
/// The benchmark tool works end to end: its smoke mode loads a small directory, starts the hosts, measures every
/// baseline and scenario, prints the table and writes the JSON, and leaves none of its keys in Redis. Not a timed
/// test: no figure is asserted.
/// </summary>
public sealed class BenchQuickRunTests
{
    [Fact]
    public async Task The_quick_benchmark_runs_every_scenario_and_writes_its_report()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestEnvironment.Redis);
        var output = new StringWriter();
        var folder = Path.Combine(Path.GetTempPath(), $"qr-bench-{Guid.NewGuid():N}");
        try
        {
            var exit = await BenchApp.RunAsync(
            [
                "--quick",
                "--database-prefix", $"qr_test_bench_{Guid.NewGuid():N}"[..28],
                "--postgres", TestEnvironment.PostgresAdmin,
                "--redis", TestEnvironment.Redis,
                "--out", folder,
            ], output, TestContext.Current.CancellationToken);

            var text = output.ToString();
            Assert.True(exit == 0, text);
            Assert.Contains("| Resolve cache hit | 4 |", text);
            Assert.Contains("| Submit -> DELIVERED (20 KB) | 4 |", text);
            Assert.Contains("| floor: two durable 20 KB hops | 4 |", text);
            Assert.Matches(@"Submit floor, c=4: .* [0-9,]+/s = \*\*[0-9.]+ of the 20 KB insert\+commit\*\*; Submit -> DELIVERED .* \*\*[0-9.]+ of this floor\*\*", text);
            Assert.Contains("| Search by name | 1 |", text);
            Assert.Contains("| cold read (the miss's Postgres batch alone) | 1 |", text);
            Assert.Matches(@"Cache-miss floor, c=1: .* Its Postgres batch alone \(in process, no gRPC, no Redis\): p50 [0-9,]+ µs", text);
            Assert.Contains("### Targets", text);
            Assert.Single(Directory.GetFiles(folder, "bench-*-quick.json"));
            // Its hosts wrote thousands (values, generations, tokens) under the run's prefix.
            var run = System.Text.RegularExpressions.Regex.Match(text, "qweeby-bench run ([0-9a-f]{8}) ").Groups[1].Value;
            Assert.Equal(8, run.Length);
            Assert.Equal(0, await CountKeysAsync(redis, $"bench-{run}-*"));
        }
        finally
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<int> CountKeysAsync(ConnectionMultiplexer redis, string pattern)
    {
        var count = 0;
        await foreach (var _ in redis.GetServer(redis.GetEndPoints()[0]).KeysAsync(pattern: pattern, pageSize: 1_000))
            count++;
        return count;
    }
}
