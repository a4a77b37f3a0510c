using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Data.Cache;
using Qweeby.Routing.IntegrationTests.Infrastructure;
using Qweeby.Routing.Server;
using StackExchange.Redis;

namespace Qweeby.Routing.IntegrationTests.Resolution;

public sealed class RedisOutageTests(PrivateStores stores) : IClassFixture<PrivateStores>
{
    [Fact]
    public async Task Resolution_goes_on_from_postgres_while_redis_is_down_and_uses_redis_again_when_it_returns()
    {
        var prefix = Keys.Unique();
        await using var host = await RunningHost.StartAsync(RoutingHost.Build, stores.Database, prefix, stores.RedisArgs);
        var client = new RecipientDirectory.RecipientDirectoryClient(host.CallInvokerFor(await TestCredentials.IssueAsync(stores.Database, [Core.Security.Role.Resolve])));
        var seed = new DirectorySeeder(host.Services.GetRequiredService<DirectoryWrite>());
        var siret = TestIds.Siret(TestIds.Siren());
        var id = await seed.EntityAsync("Outage Proof", [siret]);
        await seed.RegisterAsync(id, await seed.ProviderAsync());
        var request = new ResolveRequest { Recipient = new RecipientReference { Identifier = siret } };
        await client.ResolveAsync(request);
        using var degraded = new CounterListener("qweeby.cache.degraded_reads");

        await stores.Redis.KillAsync();
        await Eventually.True(async () =>
        {
            var reply = await client.ResolveAsync(request);
            return reply.Recipient.EntityId == id.ToString() && degraded.Total > 0;
        }, TimeSpan.FromSeconds(20), "a resolution answered from Postgres and counted as degraded");

        await stores.Redis.RestartAsync();
        await using var probe = await ConnectionMultiplexer.ConnectAsync(stores.Redis.Endpoint);
        await Eventually.True(async () =>
        {
            await client.ResolveAsync(request);
            return probe.GetServer(probe.GetEndPoints()[0]).Keys(pattern: $"{prefix}*").Any();
        }, TimeSpan.FromSeconds(30), "the host to fill the restarted Redis again");
    }

    /// <summary>Sums one counter of the Qweeby.Routing meter, across every host in the process.</summary>
    private sealed class CounterListener : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _total;

        public CounterListener(string instrument)
        {
            _listener.InstrumentPublished = (i, l) =>
            {
                if (i.Meter.Name == "Qweeby.Routing" && i.Name == instrument)
                    l.EnableMeasurementEvents(i);
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _total, value));
            _listener.Start();
        }

        public long Total => Interlocked.Read(ref _total);

        public void Dispose() => _listener.Dispose();
    }
}
