using System.Diagnostics;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Resilience;

/// <summary>
/// Redis hangs without closing its connections (SIGSTOP, as a hung server or a network partition): no call fails at
/// once and no connection event fires, so only the routing host's heartbeat can tell. A change made meanwhile must not
/// be answered stale from the host's memory once the change has returned.
/// </summary>
public sealed class RedisHungTests(PrivateStores stores) : IClassFixture<PrivateStores>
{
    [Fact]
    public async Task A_change_made_while_redis_hangs_is_never_answered_stale_from_a_routing_hosts_memory_after_it_returned()
    {
        await using var hosts = await stores.StartHostsAsync();
        var siret = TestIds.Siret(TestIds.Siren());
        var id = await hosts.Seed.EntityAsync("Fige SA", [siret]);
        await hosts.Seed.RegisterAsync(id, await hosts.Seed.ProviderAsync());
        var request = new ResolveRequest { Recipient = new RecipientReference { Identifier = siret } };
        await hosts.Resolver.ResolveAsync(request);
        await hosts.Resolver.ResolveAsync(request); // from the host's memory now

        var answers = new List<string>();
        await stores.Redis.FreezeAsync();
        try
        {
            await hosts.Entities.DeactivateEntityAsync(new EntityRef { Entity = siret });
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < TimeSpan.FromSeconds(3))
            {
                answers.Add(await RpcAssert.RefusalOf(() => hosts.Resolver.ResolveAsync(request, deadline: DateTime.UtcNow.AddSeconds(20)).ResponseAsync) ?? "ACTIVE");
                await Task.Delay(100);
            }
        }
        finally
        {
            // Before the hosts stop: a stopping host's last Redis calls would each wait out their timeout.
            await stores.Redis.ThawAsync();
        }

        Assert.NotEmpty(answers);
        Assert.All(answers, a => Assert.Equal("RECIPIENT_NON_EXISTENT", a));
    }
}
