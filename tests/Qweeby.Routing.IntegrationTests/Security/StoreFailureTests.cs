using System.Diagnostics.Metrics;
using Grpc.Core;
using Grpc.Health.V1;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Core.Security;
using Qweeby.Routing.IntegrationTests.Infrastructure;
using Qweeby.Routing.Server;

namespace Qweeby.Routing.IntegrationTests.Security;

/// <summary>A host whose database lacks the credential tables (never migrated): failures of the store are not refusals.</summary>
public sealed class StoreFailureTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task When_credentials_cannot_be_read_the_call_is_unavailable_rather_than_refused()
    {
        await using var routing = await StartUnmigratedAsync();

        await Refusal.AssertAsync(StatusCode.Unavailable, SecurityReasons.CredentialStoreUnavailable,
            async () => await new Identity.IdentityClient(routing.CallInvokerFor(TestCredentials.Unknown())).WhoAmIAsync(new(), cancellationToken: Ct));
    }

    [Fact]
    public async Task A_failing_audit_write_is_counted_and_the_host_keeps_serving()
    {
        long dropped = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "qweeby.security.audit_dropped")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref dropped, value));
        listener.Start();
        await using var routing = await StartUnmigratedAsync();
        var anonymous = new Identity.IdentityClient(routing.Channel);

        await Assert.ThrowsAsync<RpcException>(async () => await anonymous.WhoAmIAsync(new(), cancellationToken: Ct));

        await Eventually.True(() => Task.FromResult(Interlocked.Read(ref dropped) > 0), TimeSpan.FromSeconds(10), "the failed audit write to be counted");
        Assert.False(routing.App.Lifetime.ApplicationStopping.IsCancellationRequested);
        var health = await new Health.HealthClient(routing.Channel).CheckAsync(new(), cancellationToken: Ct);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        await Refusal.AssertAsync(StatusCode.Unauthenticated, SecurityReasons.CredentialsMissing,
            async () => await anonymous.WhoAmIAsync(new(), cancellationToken: Ct));
    }

    private Task<RunningHost> StartUnmigratedAsync() =>
        RunningHost.StartAsync(RoutingHost.Build, _database, Keys.Unique(), extraArgs: ["--Database:MigrateOnStart=false"]);
}
