using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using Microsoft.Extensions.Options;
using Qweeby.Routing.Admin;
using Qweeby.Routing.Core.Security;
using Qweeby.Routing.IntegrationTests.Infrastructure;
using Qweeby.Routing.Server;

namespace Qweeby.Routing.IntegrationTests.Foundation;

public sealed class HostStartupTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task The_routing_and_admin_hosts_run_side_by_side_and_both_answer_serving()
    {
        await using var routing = await RunningHost.StartAsync(RoutingHost.Build, _database, Keys.Unique());
        await using var admin = await RunningHost.StartAsync(AdminHost.Build, _database, Keys.Unique());

        Assert.NotEqual(routing.Address.Port, admin.Address.Port);
        foreach (var host in new[] { routing, admin })
        {
            var reply = await new Health.HealthClient(host.Channel).CheckAsync(new HealthCheckRequest(), cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
        }
    }

    [Fact]
    public async Task Reflection_lists_the_services_a_host_serves()
    {
        await using var routing = await RunningHost.StartAsync(RoutingHost.Build, _database, Keys.Unique());
        var token = await TestCredentials.IssueAsync(_database, [Role.Resolve]);
        var reflection = new ServerReflection.ServerReflectionClient(routing.CallInvokerFor(token));

        using var call = reflection.ServerReflectionInfo(cancellationToken: TestContext.Current.CancellationToken);
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" }, TestContext.Current.CancellationToken);
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();

        Assert.Contains("grpc.health.v1.Health", services);
        Assert.Contains("grpc.reflection.v1alpha.ServerReflection", services);
    }

    [Theory]
    [InlineData("--ConnectionStrings:Postgres=", "ConnectionStrings:Postgres is missing")]
    [InlineData("--ConnectionStrings:Postgres=Host=127.0.0.1;Nonsense Key=1", "ConnectionStrings:Postgres is malformed")]
    [InlineData("--ConnectionStrings:Redis=", "ConnectionStrings:Redis is missing")]
    [InlineData("--ConnectionStrings:Redis=127.0.0.1:6380,connectTimeout=soon", "ConnectionStrings:Redis is malformed")]
    [InlineData("--ConnectionStrings:Redis=127.0.0.1:6380,asyncTimeout=1000", "ConnectionStrings:Redis sets asyncTimeout=1000: at least 4000 ms")]
    [InlineData("--Endpoint:Url=ftp://127.0.0.1:21", "Endpoint:Url 'ftp://127.0.0.1:21' is malformed")]
    [InlineData("--Endpoint:Url=http://127.0.0.1", "Endpoint:Url 'http://127.0.0.1' is malformed")]
    [InlineData("--Telemetry:OtlpEndpoint=not a url", "Telemetry:OtlpEndpoint 'not a url' is not an absolute URL")]
    public async Task A_misconfigured_host_stops_at_start_naming_the_setting(string badSetting, string expectedMessage)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var host = await RunningHost.StartAsync(RoutingHost.Build, _database, Keys.Unique(), [badSetting]);
        });

        Assert.Contains(expectedMessage, failure.Message, StringComparison.Ordinal);
    }
}
