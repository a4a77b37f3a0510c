using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Core.Security;
using Qweeby.Routing.IntegrationTests.Infrastructure;
using Qweeby.Routing.Server;

namespace Qweeby.Routing.IntegrationTests.Security;

/// <summary>Partner access points over mutual TLS, with a certificate authority and certificates made at run time.</summary>
public sealed class PartnerCertificateTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TestTls _tls = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _tls = TestTls.Create();
    }

    public async ValueTask DisposeAsync()
    {
        _tls.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_registered_providers_certificate_authenticates_it_as_a_partner()
    {
        using var certificate = _tls.Authority.IssueClient("ap.partner.example");
        await TestProviders.RegisterAsync(_database, "partner-ap", certificate);
        await using var routing = await StartAsync(_tls);

        var me = await new Identity.IdentityClient(routing.ChannelWith(certificate)).WhoAmIAsync(new(), cancellationToken: Ct);

        Assert.Equal("provider:partner-ap", me.CallerId);
        Assert.Equal("partner-ap", me.ProviderId);
        Assert.Equal(Contracts.V1.CallerKind.ClientCertificate, me.Kind);
        Assert.Equal(["partner"], me.Roles);
        Assert.Empty(me.EntityIds);
    }

    [Fact]
    public async Task A_partner_may_call_a_partner_method_and_nothing_that_needs_another_role()
    {
        using var certificate = _tls.Authority.IssueClient("ap.partner.example");
        await TestProviders.RegisterAsync(_database, "partner-ap", certificate);
        await using var routing = await StartAsync(_tls);
        var probe = new AccessProbe.AccessProbeClient(routing.ChannelWith(certificate));

        var reply = await probe.ReceiveAsync(new(), cancellationToken: Ct);

        Assert.Equal("provider:partner-ap", reply.CallerId);
        await Refusal.AssertAsync(StatusCode.PermissionDenied, SecurityReasons.RoleRequired,
            async () => await probe.ResolveAsync(new(), cancellationToken: Ct));
    }

    [Fact]
    public async Task An_unknown_certificate_is_refused_naming_its_sha256()
    {
        using var certificate = _tls.Authority.IssueClient("ap.stranger.example");
        await TestCredentials.MigrateAsync(_database);
        await using var routing = await StartAsync(_tls);

        var refused = await Refusal.AssertAsync(StatusCode.Unauthenticated, SecurityReasons.CertificateUnknown,
            async () => await new Identity.IdentityClient(routing.ChannelWith(certificate)).WhoAmIAsync(new(), cancellationToken: Ct));

        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(certificate.RawData)), refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_suspended_providers_certificate_is_refused()
    {
        using var certificate = _tls.Authority.IssueClient("ap.suspended.example");
        await TestProviders.RegisterAsync(_database, "suspended-ap", certificate, suspended: true);
        await using var routing = await StartAsync(_tls);

        await Refusal.AssertAsync(StatusCode.Unauthenticated, SecurityReasons.ProviderSuspended,
            async () => await new Identity.IdentityClient(routing.ChannelWith(certificate)).WhoAmIAsync(new(), cancellationToken: Ct));
    }

    [Fact]
    public async Task A_registered_certificate_from_another_authority_is_refused_as_untrusted()
    {
        using var elsewhere = TestCertificateAuthority.Create("Some Other CA");
        using var certificate = elsewhere.IssueClient("ap.partner.example");
        await TestProviders.RegisterAsync(_database, "partner-ap", certificate);
        await using var routing = await StartAsync(_tls);

        await Refusal.AssertAsync(StatusCode.Unauthenticated, SecurityReasons.CertificateUntrusted,
            async () => await new Identity.IdentityClient(routing.ChannelWith(certificate)).WhoAmIAsync(new(), cancellationToken: Ct));
    }

    [Fact]
    public async Task An_expired_registered_certificate_is_refused_as_untrusted()
    {
        using var certificate = _tls.Authority.IssueClient("ap.partner.example",
            notBefore: DateTimeOffset.UtcNow.AddDays(-30), notAfter: DateTimeOffset.UtcNow.AddDays(-1));
        await TestProviders.RegisterAsync(_database, "partner-ap", certificate);
        await using var routing = await StartAsync(_tls);

        await Refusal.AssertAsync(StatusCode.Unauthenticated, SecurityReasons.CertificateUntrusted,
            async () => await new Identity.IdentityClient(routing.ChannelWith(certificate)).WhoAmIAsync(new(), cancellationToken: Ct));
    }

    [Fact]
    public async Task Without_a_configured_authority_a_registered_certificate_is_trusted_by_its_sha256_alone()
    {
        using var pinningOnly = TestTls.Create(trustClientAuthority: false);
        using var elsewhere = TestCertificateAuthority.Create("Partner's Own CA");
        using var certificate = elsewhere.IssueClient("ap.partner.example");
        await TestProviders.RegisterAsync(_database, "partner-ap", certificate);
        await using var routing = await StartAsync(pinningOnly);

        var me = await new Identity.IdentityClient(routing.ChannelWith(certificate)).WhoAmIAsync(new(), cancellationToken: Ct);

        Assert.Equal("partner-ap", me.ProviderId);
    }

    [Fact]
    public async Task An_internal_caller_uses_its_api_key_on_the_same_tls_endpoint()
    {
        var token = await TestCredentials.IssueAsync(_database, [Role.Resolve]);
        await using var routing = await StartAsync(_tls);

        var me = await new Identity.IdentityClient(routing.CallInvokerFor(token)).WhoAmIAsync(new(), cancellationToken: Ct);

        Assert.Equal(Contracts.V1.CallerKind.ApiKey, me.Kind);
    }

    [Fact]
    public async Task A_client_authority_file_holding_no_certificate_stops_the_host_naming_the_setting()
    {
        var notPem = Path.GetTempFileName();
        await File.WriteAllTextAsync(notPem, "not a certificate", Ct);
        try
        {
            var failure = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
            {
                await using var host = await RunningHost.StartAsync(RoutingHost.Build, _database, Keys.Unique(), tls: _tls,
                    extraArgs: [$"--Endpoint:ClientCertificateAuthorityPath={notPem}"]);
            });

            Assert.Contains("Endpoint:ClientCertificateAuthorityPath", failure.Message, StringComparison.Ordinal);
            Assert.Contains("holds no PEM certificate", failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(notPem);
        }
    }

    private Task<RunningHost> StartAsync(TestTls tls) =>
        RunningHost.StartAsync(RoutingHost.Build, _database, Keys.Unique(), tls: tls,
            map: app => app.MapGrpcService<AccessProbeService>());
}
