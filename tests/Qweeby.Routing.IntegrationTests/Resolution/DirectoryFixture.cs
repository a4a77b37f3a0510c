using Microsoft.Extensions.DependencyInjection;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Core.Security;
using Qweeby.Routing.Data.Cache;
using Qweeby.Routing.IntegrationTests.Infrastructure;
using Qweeby.Routing.Server;

namespace Qweeby.Routing.IntegrationTests.Resolution;

/// <summary>
/// One routing host and its database for a test class; every test seeds its own entities. The client is an
/// internal service allowed to resolve for every entity.
/// </summary>
public sealed class DirectoryFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;
    public RunningHost Routing { get; private set; } = null!;
    public DirectorySeeder Seed { get; private set; } = null!;
    public RecipientDirectory.RecipientDirectoryClient Client { get; private set; } = null!;

    /// <summary>A client whose credential may resolve for <paramref name="entities"/> only.</summary>
    public async Task<RecipientDirectory.RecipientDirectoryClient> ClientForAsync(params Guid[] entities) =>
        new(Routing.CallInvokerFor(await TestCredentials.IssueAsync(Database, [Role.Resolve], entities)));

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Routing = await RunningHost.StartAsync(RoutingHost.Build, Database, Keys.Unique());
        Seed = new DirectorySeeder(Routing.Services.GetRequiredService<DirectoryWrite>());
        Client = new RecipientDirectory.RecipientDirectoryClient(Routing.CallInvokerFor(await TestCredentials.IssueAsync(Database, [Role.Resolve])));
    }

    public async ValueTask DisposeAsync()
    {
        await Routing.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>An active company with an administrator, registered at a fresh provider by default.</summary>
    public async Task<(Guid Id, string Siren, string Siret, string Provider)> RecipientAsync(string name = "Recipient SA")
    {
        var siren = TestIds.Siren();
        var siret = TestIds.Siret(siren);
        var id = await Seed.EntityAsync(name, [siret]);
        var provider = await Seed.ProviderAsync();
        await Seed.RegisterAsync(id, provider);
        return (id, siren, siret, provider);
    }

    /// <summary>An active sender identified by a SIRET.</summary>
    public async Task<(Guid Id, string Siret)> SenderAsync(string name = "Supplier SAS")
    {
        var siret = TestIds.Siret(TestIds.Siren());
        return (await Seed.EntityAsync(name, [siret]), siret);
    }
}
