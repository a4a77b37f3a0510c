using System.Security.Cryptography;
using Grpc.Core;
using Npgsql;
using Qweeby.Routing.Bench.Generation;
using Qweeby.Routing.Bench.Hosts;
using Qweeby.Routing.Bench.Load;
using Qweeby.Routing.Contracts.V1;
using StackExchange.Redis;

namespace Qweeby.Routing.Bench.Scenarios;

/// <summary>
/// What each scenario is compared with, measured in the same run with the same client settings:
/// the cheapest authenticated gRPC call on the same host, a raw Redis GET, a raw primary-key SELECT on the
/// entity table (the directory's own size), and a raw 20 KB insert-and-commit.
/// </summary>
public sealed class Baselines(BenchHost host, Metadata auth, NpgsqlDataSource db, IConnectionMultiplexer redis, long entities)
{
    public const string EmptyGrpc = "baseline: empty gRPC (WhoAmI)";
    public const string RedisGet = "baseline: Redis GET";
    public const string PrimaryKeySelect = "baseline: Npgsql PK SELECT";
    public const string Insert20K = "baseline: 20 KB insert+commit";
    public const int DocumentBytes = 20 * 1024;

    private const int RedisKeys = 1_000;

    /// <summary>
    /// Identity/WhoAmI, not Health/Check: WhoAmI passes through the same authentication, rate limit and
    /// authorization as every directory call and does nothing else, while Health/Check is anonymous and
    /// queries Postgres and Redis on every call.
    /// </summary>
    public Task<Measurement> EmptyGrpcAsync(LoadRunner runner, int concurrency)
    {
        var client = new Identity.IdentityClient(host.Channel);
        var request = new WhoAmIRequest();
        return runner.RunAsync(EmptyGrpc, concurrency, async (_, _) => await client.WhoAmIAsync(request, auth));
    }

    public async Task<Measurement> RedisGetAsync(LoadRunner runner, int concurrency, string prefix)
    {
        var database = redis.GetDatabase();
        // About the size of a cached entity's JSON.
        var value = new byte[400];
        Random.Shared.NextBytes(value);
        for (var k = 0; k < RedisKeys; k++)
            await database.StringSetAsync($"{prefix}:raw:{k}", value, TimeSpan.FromMinutes(10));
        return await runner.RunAsync(RedisGet, concurrency, async (_, n) =>
        {
            if ((await database.StringGetAsync($"{prefix}:raw:{n % RedisKeys}")).IsNull)
                throw new InvalidOperationException("raw key missing");
        });
    }

    /// <summary>A random entity of the whole table each time (the directory's own size).</summary>
    public Task<Measurement> PrimaryKeySelectAsync(LoadRunner runner, int concurrency) =>
        runner.RunAsync(PrimaryKeySelect, concurrency, async (_, _) =>
        {
            await using var cmd = db.CreateCommand("SELECT entity_id, kind, legal_name, country, status FROM entity WHERE entity_id = $1");
            cmd.Parameters.Add(new() { Value = SyntheticIds.EntityId(Random.Shared.NextInt64(entities)) });
            await using var reader = await cmd.ExecuteReaderAsync();
            if (!await reader.ReadAsync())
                throw new InvalidOperationException("entity missing");
        });

    /// <summary>The raw insert's table: the Submit floor stores its documents in tables of the same shape.</summary>
    public static async Task CreateDocumentTableAsync(NpgsqlDataSource db, string table)
    {
        await using var create = db.CreateCommand($"""
            CREATE TABLE IF NOT EXISTS {table} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, message_id uuid NOT NULL, document bytea NOT NULL, created_at timestamptz NOT NULL DEFAULT now())
            """);
        await create.ExecuteNonQueryAsync();
    }

    /// <summary>One 20 KB row per transaction, committed (synchronous_commit on): what a durable acceptance costs at least.</summary>
    public async Task<Measurement> Insert20KAsync(LoadRunner runner, int concurrency)
    {
        await CreateDocumentTableAsync(db, "bench_raw_insert");
        await using (var truncate = db.CreateCommand("TRUNCATE bench_raw_insert"))
            await truncate.ExecuteNonQueryAsync();
        // Random bytes: a real invoice compresses, but TOAST compression would flatter the baseline.
        var document = RandomNumberGenerator.GetBytes(DocumentBytes);
        return await runner.RunAsync(Insert20K, concurrency, async (_, _) =>
        {
            await using var cmd = db.CreateCommand("INSERT INTO bench_raw_insert (message_id, document) VALUES ($1, $2)");
            cmd.Parameters.Add(new() { Value = Guid.NewGuid() });
            cmd.Parameters.Add(new() { Value = document });
            await cmd.ExecuteNonQueryAsync();
        });
    }
}
