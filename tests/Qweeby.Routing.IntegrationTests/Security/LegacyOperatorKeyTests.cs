using Grpc.Core;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Core.Security;
using Qweeby.Routing.IntegrationTests.Infrastructure;
using Qweeby.Routing.IntegrationTests.Lines;

namespace Qweeby.Routing.IntegrationTests.Security;

/// <summary>
/// A key stored before operator keys were refused entity-scoped roles would act for every entity in those roles: it is
/// refused at authentication, with what to do, rather than honoured.
/// </summary>
public sealed class LegacyOperatorKeyTests(LinesFixture fx) : IClassFixture<LinesFixture>
{
    [Fact]
    public async Task An_operator_key_holding_an_entity_scoped_role_is_refused_and_an_operator_key_alone_is_not()
    {
        // Stored directly, as before the rule: the command line refuses to make such a key now.
        var legacy = await TestCredentials.IssueAsync(fx.Database, [Role.Operator, Role.Resolve], name: "legacy operator");
        var operatorOnly = await TestCredentials.IssueAsync(fx.Database, [Role.Operator], name: "operator");
        var request = new ResolveRequest { Recipient = new RecipientReference { Identifier = TestIds.Siret(TestIds.Siren()) } };

        var refused = await RpcAssert.FailsAsync(StatusCode.Unauthenticated,
            () => new RecipientDirectory.RecipientDirectoryClient(fx.Routing.CallInvokerFor(legacy)).ResolveAsync(request).ResponseAsync);
        var identity = await new Identity.IdentityClient(fx.Routing.CallInvokerFor(operatorOnly)).WhoAmIAsync(new WhoAmIRequest());

        Assert.Equal("CREDENTIALS_NOT_ALLOWED", refused.Reason());
        Assert.Contains("separate key", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("operator", identity.Roles);
    }
}
