namespace Qweeby.Routing.Bench.Hosts;

/// <summary>Where the hosts of one directory size find their Postgres database and Redis.</summary>
public sealed record BenchSettings(string Postgres, string Redis);
