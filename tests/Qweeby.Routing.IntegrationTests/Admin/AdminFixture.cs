using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Qweeby.Routing.Admin;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Contracts.V1;
using Role = Qweeby.Routing.Core.Security.Role;
using Qweeby.Routing.Data.Cache;
using Qweeby.Routing.IntegrationTests.Infrastructure;
using Qweeby.Routing.Server;
using StackExchange.Redis;

namespace Qweeby.Routing.IntegrationTests.Admin;

/// <summary>
/// An admin host and a routing host on one database and one Redis key prefix, as deployed: what the admin host
/// changes, the routing host answers next. Clients: a platform administrator's (admin host) and a Resolve key for
/// every entity (routing host). Every test seeds its own entities.
/// </summary>
public sealed class AdminFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;
    public RunningHost Admin { get; private set; } = null!;
    public RunningHost Routing { get; private set; } = null!;
    public DirectorySeeder Seed { get; private set; } = null!;
    public string KeyPrefix { get; } = Keys.Unique();
    public CallInvoker PlatformAdministrator { get; private set; } = null!;

    /// <summary>The platform administrator's caller id, as the audit records it.</summary>
    public string PlatformAdministratorId { get; private set; } = null!;
    public RecipientDirectory.RecipientDirectoryClient Resolver { get; private set; } = null!;

    public DirectoryAdmin.DirectoryAdminClient Directory => new(PlatformAdministrator);
    public Entities.EntitiesClient Entities => new(PlatformAdministrator);
    public ServiceProviders.ServiceProvidersClient Providers => new(PlatformAdministrator);
    public Audit.AuditClient Audit => new(PlatformAdministrator);

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Admin = await RunningHost.StartAsync(AdminHost.Build, Database, KeyPrefix);
        Routing = await RunningHost.StartAsync(RoutingHost.Build, Database, KeyPrefix);
        Seed = new DirectorySeeder(Admin.Services.GetRequiredService<DirectoryWrite>());
        var token = await TestCredentials.IssueAsync(Database, [Role.PlatformAdministrator], name: "platform admin");
        PlatformAdministrator = Admin.CallInvokerFor(token);
        PlatformAdministratorId = $"key:{token[3..19]}";
        Resolver = new RecipientDirectory.RecipientDirectoryClient(Routing.CallInvokerFor(await TestCredentials.IssueAsync(Database, [Role.Resolve])));
    }

    public async ValueTask DisposeAsync()
    {
        await Routing.DisposeAsync();
        await Admin.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>Calls to the admin host as an account administrator of <paramref name="entities"/>, and the caller id the audit records.</summary>
    public async Task<(CallInvoker Invoker, string CallerId)> AccountAdministratorAsync(params Guid[] entities)
    {
        var token = await TestCredentials.IssueAsync(Database, [Role.AccountAdministrator], entities, "account admin");
        return (Admin.CallInvokerFor(token), $"key:{token[3..19]}");
    }

    /// <summary>Whether Redis holds a value for the fact (the admin host's writes delete it before answering).</summary>
    public Task<bool> CachedInRedisAsync(CacheKey key) =>
        Admin.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase().KeyExistsAsync($"{KeyPrefix}:{key.Name}");

    /// <summary>An active company with an administrator, registered at a fresh provider.</summary>
    public async Task<(Guid Id, string Siret, string Provider)> RecipientAsync(string name = "Recipient SA")
    {
        var siret = TestIds.Siret(TestIds.Siren());
        var id = await Seed.EntityAsync(name, [siret]);
        var provider = await Seed.ProviderAsync();
        await Seed.RegisterAsync(id, provider);
        return (id, siret, provider);
    }

    public async Task<(Guid Id, string Siret)> SenderAsync(string name = "Supplier SAS")
    {
        var siret = TestIds.Siret(TestIds.Siren());
        return (await Seed.EntityAsync(name, [siret]), siret);
    }

    /// <summary>Resolves on the routing host, then waits for what it read to reach Redis (the stores follow the answer).</summary>
    public async Task<ResolveReply> ResolveAsync(string sender, string recipient)
    {
        var reply = await Resolver.ResolveAsync(new ResolveRequest { Sender = sender, Recipient = new RecipientReference { Identifier = recipient } });
        await Routing.Services.GetRequiredService<DirectoryCache>().StoresSettledAsync();
        return reply;
    }

    public Task<string?> RefusalOfResolveAsync(string sender, string recipient) => RpcAssert.RefusalOf(() => ResolveAsync(sender, recipient));

    /// <summary>Resolves a supplier's customer number on the routing host.</summary>
    public Task<ResolveReply> ResolveNumberAsync(string sender, string number) =>
        Resolver.ResolveAsync(new ResolveRequest { Sender = sender, Recipient = new RecipientReference { CustomerNumber = number } }).ResponseAsync;
}
