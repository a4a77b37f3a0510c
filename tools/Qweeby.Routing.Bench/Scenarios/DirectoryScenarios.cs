using Grpc.Core;
using Qweeby.Routing.Bench.Generation;
using Qweeby.Routing.Bench.Hosts;
using Qweeby.Routing.Bench.Load;
using Qweeby.Routing.Contracts.V1;

namespace Qweeby.Routing.Bench.Scenarios;

/// <summary>
/// RecipientDirectory scenarios over a synthetic directory of <paramref name="entities"/> entities:
/// <paramref name="cached"/> is a host with the default cache, <paramref name="l2Only"/> one whose in-process
/// layer keeps nothing (every fact read from Redis), <paramref name="cold"/> one whose both layers keep nothing
/// (every fact read from Postgres, then offered to Redis) but the provider list, which every call reads whatever
/// the entity and which any host keeps in memory (<c>Cache:ProvidersL1Ttl</c>).
/// </summary>
public sealed class DirectoryScenarios(BenchHost cached, BenchHost l2Only, BenchHost cold, Metadata auth, long entities)
{
    public const string ResolveHit = "Resolve cache hit";
    public const string ResolveL2 = "Resolve L2 hit (L1 off)";
    public const string ResolveMiss = "Resolve cache miss";
    public const string ResolveCustomerNumber = "Resolve by customer number";
    public const string ResolveBatch = "ResolveBatch x100 (cached)";
    public const string SearchByName = "Search by name";
    public const int BatchSize = 100;

    private const int HotSet = 1_000;
    private readonly EntityWalk _distinct = new(entities);

    /// <summary>A thousand entities spread over the whole directory: what a busy sender resolves over and over.</summary>
    private long Hot(long n)
    {
        var span = entities - SyntheticIds.Suppliers;
        return SyntheticIds.Suppliers + n % HotSet * Math.Max(1, span / HotSet) % span;
    }

    private static string SiretOf(long i) => "0009:" + SyntheticIds.Siret(i);

    /// <summary>
    /// Puts the hot set in the caches of the cached and L2-only hosts (by identifier and by customer number), so
    /// that the cache-hit scenarios measure hits from their first call rather than a warm-up that never ends.
    /// </summary>
    public async Task PrimeAsync()
    {
        var byId = new[] { cached, l2Only }.Select(h => new RecipientDirectory.RecipientDirectoryClient(h.Channel)).ToArray();
        var byNumber = new RecipientDirectory.RecipientDirectoryClient(cached.Channel);
        await Parallel.ForAsync(0, HotSet, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (n, _) =>
        {
            foreach (var client in byId)
                await client.ResolveAsync(new ResolveRequest { Recipient = new RecipientReference { Identifier = SiretOf(Hot(n)) } }, auth);
            await byNumber.ResolveAsync(CustomerNumberRequest(n), auth);
        });
    }

    public Task<Measurement> ResolveHitAsync(LoadRunner runner, int concurrency) =>
        ResolveAsync(runner, ResolveHit, cached, concurrency, Hot);

    public Task<Measurement> ResolveL2Async(LoadRunner runner, int concurrency) =>
        ResolveAsync(runner, ResolveL2, l2Only, concurrency, Hot);

    /// <summary>Never the same entity twice in a run, on the host that caches nothing: every entity fact comes from Postgres.</summary>
    public Task<Measurement> ResolveMissAsync(LoadRunner runner, int concurrency)
    {
        return ResolveAsync(runner, ResolveMiss, cold, concurrency, _ => _distinct.Next());
    }

    public Task<Measurement> ResolveCustomerNumberAsync(LoadRunner runner, int concurrency)
    {
        var client = new RecipientDirectory.RecipientDirectoryClient(cached.Channel);
        return runner.RunAsync(ResolveCustomerNumber, concurrency, async (_, n) => await client.ResolveAsync(CustomerNumberRequest(n), auth));
    }

    /// <summary>One of a thousand (supplier, customer number) pairs: ten customers of each of the hundred suppliers.</summary>
    private ResolveRequest CustomerNumberRequest(long n)
    {
        var supplier = (int)(n % SyntheticIds.Suppliers);
        var k = n / SyntheticIds.Suppliers % 10 * (SyntheticIds.CustomersPerSupplier(entities) / 10);
        return new ResolveRequest
        {
            Sender = "0002:" + SyntheticIds.Siren(supplier),
            Recipient = new RecipientReference { CustomerNumber = SyntheticIds.CustomerNumber(supplier, k) },
        };
    }

    public Task<Measurement> ResolveBatchAsync(LoadRunner runner, int concurrency)
    {
        var client = new RecipientDirectory.RecipientDirectoryClient(cached.Channel);
        return runner.RunAsync(ResolveBatch, concurrency, async (_, n) =>
        {
            var request = new ResolveBatchRequest();
            for (var i = 0; i < BatchSize; i++)
                request.Recipients.Add(new RecipientReference { Identifier = SiretOf(Hot(n * BatchSize + i)) });
            var reply = await client.ResolveBatchAsync(request, auth);
            if (reply.Items.Any(item => item.Error is not null))
                throw new InvalidOperationException($"batch item failed: {reply.Items.First(item => item.Error is not null).Error.Reason}");
        }, itemsPerCall: BatchSize);
    }

    /// <summary>Family name and town of a hot entity: about N / 2,000 matches, ranked, first page of 20.</summary>
    public Task<Measurement> SearchByNameAsync(LoadRunner runner, int concurrency)
    {
        var client = new RecipientDirectory.RecipientDirectoryClient(cached.Channel);
        return runner.RunAsync(SearchByName, concurrency, async (_, n) =>
        {
            var reply = await client.SearchAsync(new SearchRequest { Query = SyntheticNames.SearchFragment(Hot(n)), PageSize = 20 }, auth);
            if (reply.Hits.Count == 0)
                throw new InvalidOperationException("search found nothing");
        });
    }

    private Task<Measurement> ResolveAsync(LoadRunner runner, string name, BenchHost host, int concurrency, Func<long, long> entity)
    {
        var client = new RecipientDirectory.RecipientDirectoryClient(host.Channel);
        return runner.RunAsync(name, concurrency, async (_, n) =>
        {
            var reply = await client.ResolveAsync(new ResolveRequest { Recipient = new RecipientReference { Identifier = SiretOf(entity(n)) } }, auth);
            if (reply.Route is null)
                throw new InvalidOperationException("no route");
        });
    }
}
