using Microsoft.Extensions.DependencyInjection;
using Qweeby.Routing.Admin;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Core.Security;
using Qweeby.Routing.Data.Cache;
using Qweeby.Routing.Server;

namespace Qweeby.Routing.IntegrationTests.Infrastructure;

/// <summary>
/// A test database and a Redis of the test's own, to kill, freeze or restart (the shared one never is); one per test
/// class, so give each outage test a class of its own.
/// </summary>
public sealed class PrivateStores : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;
    public PrivateRedis Redis { get; private set; } = null!;

    /// <summary>The host setting that points a host at this Redis.</summary>
    public string[] RedisArgs => [$"--ConnectionStrings:Redis={Redis.Endpoint}"];

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Redis = await PrivateRedis.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Redis.ThawAsync();
        await Redis.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>An admin host and a routing host on these stores under one key prefix, a seeder, and a client of each.</summary>
    public async Task<AdminAndRouting> StartHostsAsync()
    {
        var prefix = Keys.Unique();
        var admin = await RunningHost.StartAsync(AdminHost.Build, Database, prefix, RedisArgs);
        var routing = await RunningHost.StartAsync(RoutingHost.Build, Database, prefix, RedisArgs);
        return new AdminAndRouting(admin, routing, new DirectorySeeder(admin.Services.GetRequiredService<DirectoryWrite>()),
            new Entities.EntitiesClient(admin.CallInvokerFor(await TestCredentials.IssueAsync(Database, [Role.PlatformAdministrator]))),
            new RecipientDirectory.RecipientDirectoryClient(routing.CallInvokerFor(await TestCredentials.IssueAsync(Database, [Role.Resolve]))));
    }

    public sealed record AdminAndRouting(RunningHost Admin, RunningHost Routing, DirectorySeeder Seed, Entities.EntitiesClient Entities,
        RecipientDirectory.RecipientDirectoryClient Resolver) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Routing.DisposeAsync();
            await Admin.DisposeAsync();
        }
    }
}
