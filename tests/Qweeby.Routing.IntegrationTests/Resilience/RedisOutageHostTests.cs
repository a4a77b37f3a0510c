using System.Diagnostics;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Data.Cache;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Resilience;

/// <summary>An admin host and a routing host on a Redis of the test's own, with the hosts' real Redis settings.</summary>
public sealed class RedisOutageHostTests(PrivateStores stores) : IClassFixture<PrivateStores>
{
    private static async Task<string> TimedAsync(List<string> log, string name, Func<Task> call)
    {
        var watch = Stopwatch.StartNew();
        string outcome;
        try
        {
            await call();
            outcome = "OK";
        }
        catch (RpcException e)
        {
            outcome = $"{e.StatusCode}/{e.Reason()}";
        }
        log.Add($"{name}: {outcome} in {watch.ElapsedMilliseconds} ms");
        return outcome;
    }

    [Fact]
    public async Task While_redis_is_down_every_directory_call_and_admin_change_answers_promptly_and_changes_show_after_it_returns()
    {
        await using var hosts = await stores.StartHostsAsync();
        var (seed, entities, client) = (hosts.Seed, hosts.Entities, hosts.Resolver);
        var siret = TestIds.Siret(TestIds.Siren());
        var other = TestIds.Siret(TestIds.Siren());
        var id = await seed.EntityAsync("Panne Rouge Equipements", [siret]);
        var otherId = await seed.EntityAsync("Panne Bleue Equipements", [other]);
        var provider = await seed.ProviderAsync();
        await seed.RegisterAsync(id, provider);
        await seed.RegisterAsync(otherId, provider);
        var request = new ResolveRequest { Recipient = new RecipientReference { Identifier = siret } };
        await client.ResolveAsync(request);
        await client.ResolveAsync(request);
        var routingCache = hosts.Routing.Services.GetRequiredService<DirectoryCache>();
        var log = new List<string>();

        await stores.Redis.KillAsync();
        var outcomes = new List<string>
        {
            await TimedAsync(log, "deactivate (admin)", () => entities.DeactivateEntityAsync(new EntityRef { Entity = siret }).ResponseAsync),
            await TimedAsync(log, "resolve other", () => client.ResolveAsync(new ResolveRequest { Recipient = new RecipientReference { Identifier = other } }).ResponseAsync),
            await TimedAsync(log, "batch", () => client.ResolveBatchAsync(new ResolveBatchRequest { Recipients = { new RecipientReference { Identifier = other } } }).ResponseAsync),
            await TimedAsync(log, "search", () => client.SearchAsync(new SearchRequest { Query = "panne" }).ResponseAsync),
            await TimedAsync(log, "explain", () => client.ExplainAsync(new ResolveRequest { Recipient = new RecipientReference { Identifier = other } }).ResponseAsync),
        };
        var degradedAnswer = await TimedAsync(log, "resolve deactivated while down", () => client.ResolveAsync(request).ResponseAsync);

        var restart = Stopwatch.StartNew();
        await stores.Redis.RestartAsync();
        await Eventually.True(() => Task.FromResult(routingCache.UsesRedis), TimeSpan.FromSeconds(60), "the routing host to use Redis again");
        log.Add($"routing host uses Redis again {restart.ElapsedMilliseconds} ms after restart");
        var afterAnswer = await TimedAsync(log, "resolve deactivated after", () => client.ResolveAsync(request).ResponseAsync);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join("\n", log));

        Assert.All(outcomes, o => Assert.Equal("OK", o));
        Assert.Equal(("NotFound/RECIPIENT_NON_EXISTENT", "NotFound/RECIPIENT_NON_EXISTENT"), (degradedAnswer, afterAnswer));
    }
}
