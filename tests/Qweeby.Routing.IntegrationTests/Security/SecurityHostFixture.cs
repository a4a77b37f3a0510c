using Microsoft.AspNetCore.Builder;
using Qweeby.Routing.IntegrationTests.Infrastructure;
using Qweeby.Routing.Server;

namespace Qweeby.Routing.IntegrationTests.Security;

/// <summary>
/// One routing host (plain HTTP/2) with the test-only AccessProbe, shared by a class's tests; each test
/// issues its own keys. Credentials are cached 0.2 s so revocation tests need not wait long.
/// </summary>
public sealed class SecurityHostFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;
    public RunningHost Routing { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Routing = await RunningHost.StartAsync(RoutingHost.Build, Database, Keys.Unique(),
            extraArgs: ["--Security:CredentialCacheSeconds=0.2"],
            map: app => app.MapGrpcService<AccessProbeService>());
    }

    public async ValueTask DisposeAsync()
    {
        await Routing.DisposeAsync();
        await Database.DisposeAsync();
    }
}
