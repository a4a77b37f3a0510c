using Grpc.Core;
using Grpc.Core.Interceptors;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Core.Security;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Security;

public sealed class AuthenticationTests(SecurityHostFixture fixture) : IClassFixture<SecurityHostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Identity.IdentityClient IdentityFor(string token) => new(fixture.Routing.CallInvokerFor(token));

    [Fact]
    public async Task A_call_without_credentials_is_unauthenticated_and_says_how_to_send_a_key()
    {
        var refused = await Refusal.AssertAsync(StatusCode.Unauthenticated, SecurityReasons.CredentialsMissing,
            async () => await new Identity.IdentityClient(fixture.Routing.Channel).WhoAmIAsync(new(), cancellationToken: Ct));

        Assert.Contains("authorization: Bearer qk_", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bearer not-a-key")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("qk_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_malformed_authorization_header_is_refused_as_invalid_credentials(string header)
    {
        var invoker = fixture.Routing.Channel.Intercept(m => { m.Add("authorization", header); return m; });

        await Refusal.AssertAsync(StatusCode.Unauthenticated, SecurityReasons.CredentialsInvalid,
            async () => await new Identity.IdentityClient(invoker).WhoAmIAsync(new(), cancellationToken: Ct));
    }

    [Fact]
    public async Task An_unknown_key_is_refused_as_invalid_credentials()
    {
        await Refusal.AssertAsync(StatusCode.Unauthenticated, SecurityReasons.CredentialsInvalid,
            async () => await IdentityFor(TestCredentials.Unknown()).WhoAmIAsync(new(), cancellationToken: Ct));
    }

    [Fact]
    public async Task A_key_presented_with_a_wrong_secret_is_refused_as_invalid_credentials()
    {
        var token = await TestCredentials.IssueAsync(fixture.Database, [Role.Resolve]);
        var forged = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        await Refusal.AssertAsync(StatusCode.Unauthenticated, SecurityReasons.CredentialsInvalid,
            async () => await IdentityFor(forged).WhoAmIAsync(new(), cancellationToken: Ct));
    }

    [Fact]
    public async Task A_key_revoked_while_in_use_is_refused_as_revoked_once_the_cache_time_has_passed()
    {
        var token = await TestCredentials.IssueAsync(fixture.Database, [Role.Resolve]);
        var identity = IdentityFor(token);
        await identity.WhoAmIAsync(new(), cancellationToken: Ct);

        await TestCredentials.RevokeAsync(fixture.Database, token);

        await Eventually.True(async () =>
        {
            try
            {
                await identity.WhoAmIAsync(new(), cancellationToken: Ct);
                return false;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unauthenticated)
            {
                return Refusal.ReasonOf(e) == SecurityReasons.CredentialsRevoked;
            }
        }, TimeSpan.FromSeconds(10), "the revoked key to be refused as CREDENTIALS_REVOKED");
    }

    [Fact]
    public async Task WhoAmI_tells_a_key_holder_its_roles_and_entities()
    {
        var entity = Guid.NewGuid();
        var token = await TestCredentials.IssueAsync(fixture.Database, [Role.Resolve, Role.Submit], [entity], name: "invoicing backend");

        var me = await IdentityFor(token).WhoAmIAsync(new(), cancellationToken: Ct);

        Assert.StartsWith("key:", me.CallerId, StringComparison.Ordinal);
        Assert.Equal("invoicing backend", me.DisplayName);
        Assert.Equal(Contracts.V1.CallerKind.ApiKey, me.Kind);
        Assert.Equal(["resolve", "submit"], me.Roles);
        Assert.False(me.AllEntities);
        Assert.Equal([entity.ToString()], me.EntityIds);
    }

    [Fact]
    public async Task A_caller_without_the_methods_role_is_permission_denied_naming_the_role()
    {
        var token = await TestCredentials.IssueAsync(fixture.Database, [Role.Submit]);

        var refused = await Refusal.AssertAsync(StatusCode.PermissionDenied, SecurityReasons.RoleRequired,
            async () => await new AccessProbe.AccessProbeClient(fixture.Routing.CallInvokerFor(token)).ResolveAsync(new(), cancellationToken: Ct));

        Assert.Contains("needs the role resolve", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_platform_administrator_may_call_a_resolve_method_but_not_a_partner_method()
    {
        var token = await TestCredentials.IssueAsync(fixture.Database, [Role.PlatformAdministrator]);
        var probe = new AccessProbe.AccessProbeClient(fixture.Routing.CallInvokerFor(token));

        await probe.ResolveAsync(new(), cancellationToken: Ct);
        await Refusal.AssertAsync(StatusCode.PermissionDenied, SecurityReasons.RoleRequired,
            async () => await probe.ReceiveAsync(new(), cancellationToken: Ct));
    }

    [Fact]
    public async Task A_caller_acting_for_an_entity_outside_its_scope_is_permission_denied_as_out_of_scope()
    {
        var mine = Guid.NewGuid();
        var theirs = Guid.NewGuid();
        var token = await TestCredentials.IssueAsync(fixture.Database, [Role.Submit], [mine]);
        var probe = new AccessProbe.AccessProbeClient(fixture.Routing.CallInvokerFor(token));

        await probe.SubmitForAsync(new() { EntityId = mine.ToString() }, cancellationToken: Ct);
        var refused = await Refusal.AssertAsync(StatusCode.PermissionDenied, SecurityReasons.EntityOutOfScope,
            async () => await probe.SubmitForAsync(new() { EntityId = theirs.ToString() }, cancellationToken: Ct));

        Assert.Contains(theirs.ToString(), refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_calls_are_audited_with_caller_method_outcome_and_reason()
    {
        var token = await TestCredentials.IssueAsync(fixture.Database, [Role.Resolve], [Guid.NewGuid()]);
        var keyId = "key:" + token[3..19];
        var probe = new AccessProbe.AccessProbeClient(fixture.Routing.CallInvokerFor(token));

        await Assert.ThrowsAsync<RpcException>(async () => await probe.AdministerAsync(new(), cancellationToken: Ct));

        await Eventually.True(async () =>
        {
            await using var cmd = fixture.Database.DataSource.CreateCommand("""
                SELECT count(*) FROM security_event
                WHERE caller_id = $1 AND method = '/qweeby.test.AccessProbe/Administer'
                  AND outcome = 'permission_denied' AND reason = 'ROLE_REQUIRED'
                  AND host = 'qweeby-routing' AND remote_address IS NOT NULL
                """);
            cmd.Parameters.Add(new() { Value = keyId });
            return (long)(await cmd.ExecuteScalarAsync(Ct))! == 1;
        }, TimeSpan.FromSeconds(10), "the refusal in security_event");
    }

    [Fact]
    public async Task An_unauthenticated_call_is_audited_with_the_key_id_it_claimed()
    {
        var unknown = TestCredentials.Unknown();

        await Assert.ThrowsAsync<RpcException>(async () => await IdentityFor(unknown).WhoAmIAsync(new(), cancellationToken: Ct));

        await Eventually.True(async () =>
        {
            await using var cmd = fixture.Database.DataSource.CreateCommand("""
                SELECT count(*) FROM security_event
                WHERE caller_id = $1 AND outcome = 'unauthenticated' AND reason = 'CREDENTIALS_INVALID'
                """);
            cmd.Parameters.Add(new() { Value = "key:" + unknown[3..19] });
            return (long)(await cmd.ExecuteScalarAsync(Ct))! == 1;
        }, TimeSpan.FromSeconds(10), "the refusal in security_event");
    }
}
