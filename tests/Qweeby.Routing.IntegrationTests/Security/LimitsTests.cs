using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Core.Security;
using Qweeby.Routing.IntegrationTests.Infrastructure;
using Qweeby.Routing.Server;

namespace Qweeby.Routing.IntegrationTests.Security;

public sealed class LimitsTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_caller_over_its_rate_limit_is_told_resource_exhausted_with_a_retry_delay()
    {
        var token = await TestCredentials.IssueAsync(_database, [Role.Resolve]);
        await using var routing = await StartAsync("--Limits:RequestsPerSecond=1", "--Limits:Burst=2");
        var identity = new Identity.IdentityClient(routing.CallInvokerFor(token));

        var refused = await FirstRefusalAsync(identity, calls: 20);

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Equal(SecurityReasons.RateLimited, Refusal.ReasonOf(refused));
        var retry = refused.GetRpcStatus()!.GetDetail<RetryInfo>();
        Assert.NotNull(retry);
        Assert.InRange(retry.RetryDelay.ToTimeSpan(), TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task One_callers_flood_does_not_limit_another_caller()
    {
        var flooding = await TestCredentials.IssueAsync(_database, [Role.Resolve]);
        var quiet = await TestCredentials.IssueAsync(_database, [Role.Resolve]);
        await using var routing = await StartAsync("--Limits:RequestsPerSecond=1", "--Limits:Burst=2");

        await FirstRefusalAsync(new Identity.IdentityClient(routing.CallInvokerFor(flooding)), calls: 20);

        await new Identity.IdentityClient(routing.CallInvokerFor(quiet)).WhoAmIAsync(new(), cancellationToken: Ct);
    }

    [Fact]
    public async Task A_message_larger_than_the_configured_limit_is_refused_with_resource_exhausted()
    {
        var token = await TestCredentials.IssueAsync(_database, [Role.PlatformAdministrator]);
        await using var routing = await StartAsync("--Limits:MaxReceiveMessageBytes=4096");
        var probe = new AccessProbe.AccessProbeClient(routing.CallInvokerFor(token));
        var entity = Guid.NewGuid().ToString();

        await probe.SubmitForAsync(new() { EntityId = entity, Payload = ByteString.CopyFrom(new byte[3000]) }, cancellationToken: Ct);
        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await probe.SubmitForAsync(new() { EntityId = entity, Payload = ByteString.CopyFrom(new byte[5000]) }, cancellationToken: Ct));

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
    }

    [Fact]
    public async Task A_ten_mib_document_fits_the_default_message_limit()
    {
        var token = await TestCredentials.IssueAsync(_database, [Role.PlatformAdministrator]);
        await using var routing = await StartAsync();
        var probe = new AccessProbe.AccessProbeClient(routing.CallInvokerFor(token));

        var reply = await probe.SubmitForAsync(new() { EntityId = Guid.NewGuid().ToString(), Payload = ByteString.CopyFrom(new byte[10 * 1024 * 1024]) },
            cancellationToken: Ct);

        Assert.StartsWith("key:", reply.CallerId, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Limits:MaxPageSize=0", "Limits:MaxPageSize is 0")]
    [InlineData("--Limits:MaxBatchSize=-1", "Limits:MaxBatchSize is -1")]
    [InlineData("--Limits:RequestsPerSecond=0", "Limits:RequestsPerSecond is 0")]
    [InlineData("--Limits:MaxReceiveMessageBytes=10", "Limits:MaxReceiveMessageBytes is 10")]
    [InlineData("--Security:CredentialCacheSeconds=-1", "Security:CredentialCacheSeconds is -1")]
    [InlineData("--Endpoint:Url=https://127.0.0.1:0", "Endpoint:CertificatePath is missing")]
    [InlineData("--Endpoint:ClientCertificates=Allow", "need TLS")]
    public async Task A_misconfigured_limit_or_tls_setting_stops_the_host_naming_the_setting(string badSetting, string expectedMessage)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var host = await StartAsync(badSetting);
        });

        Assert.Contains(expectedMessage, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_unary_call_running_past_the_servers_cap_ends_with_deadline_exceeded_even_without_a_client_deadline()
    {
        var token = await TestCredentials.IssueAsync(_database, [Role.Resolve]);
        await using var routing = await StartAsync("--Limits:MaxUnaryCallSeconds=1");
        var probe = new AccessProbe.AccessProbeClient(routing.CallInvokerFor(token));

        var failure = await Assert.ThrowsAsync<RpcException>(() => probe.WaitForCancellationAsync(new ProbeRequest(), cancellationToken: Ct).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, failure.StatusCode);
        Assert.Contains("1 s", failure.Status.Detail, StringComparison.Ordinal);
    }

    private Task<RunningHost> StartAsync(params string[] settings) =>
        RunningHost.StartAsync(RoutingHost.Build, _database, Keys.Unique(), extraArgs: settings,
            map: app => app.MapGrpcService<AccessProbeService>());

    // A burst of 2 at 1 call/s: well within 20 calls the bucket is empty.
    private static async Task<RpcException> FirstRefusalAsync(Identity.IdentityClient identity, int calls)
    {
        for (var i = 0; i < calls; i++)
        {
            try
            {
                await identity.WhoAmIAsync(new(), cancellationToken: Ct);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
            {
                return e;
            }
        }
        throw new Xunit.Sdk.XunitException($"{calls} calls at a limit of 1/s with a burst of 2 were never refused.");
    }
}
