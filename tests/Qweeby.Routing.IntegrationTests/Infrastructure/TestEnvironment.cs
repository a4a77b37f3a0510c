namespace Qweeby.Routing.IntegrationTests.Infrastructure;

/// <summary>Where the real Postgres and Redis of the tests are (started by tools/deps.sh).</summary>
public static class TestEnvironment
{
    public static string PostgresAdmin { get; } =
        Environment.GetEnvironmentVariable("QWEEBY_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=5433;Database=postgres;Username=qweeby;Password=qweeby";

    public static string Redis { get; } =
        Environment.GetEnvironmentVariable("QWEEBY_TEST_REDIS") ?? "127.0.0.1:6380";
}
