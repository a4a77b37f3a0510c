using Qweeby.Routing.Core.Security;

namespace Qweeby.Routing.Core.Tests.Security;

/// <summary>An operator key is platform-wide, and a key has one scope for all its roles: entity-scoped roles go on another key.</summary>
public sealed class OperatorKeyRulesTests
{
    private static readonly EntityScope OneEntity = EntityScope.Of([Guid.NewGuid()]);

    [Theory]
    [InlineData(Role.AccountAdministrator, "listed")]
    [InlineData(Role.AccountAdministrator, "none")]
    [InlineData(Role.AccountAdministrator, "all")]
    [InlineData(Role.Submit, "listed")]
    [InlineData(Role.Submit, "none")]
    [InlineData(Role.Submit, "all")]
    [InlineData(Role.Resolve, "listed")]
    [InlineData(Role.Resolve, "none")]
    public void An_operator_key_with_an_entity_scoped_role_is_refused_whatever_its_entities(Role role, string entities)
    {
        var scope = entities switch { "listed" => OneEntity, "all" => EntityScope.All, _ => EntityScope.None };

        var problem = CredentialRules.Problem("night operator", [Role.Operator, role], scope);

        Assert.NotNull(problem);
        Assert.Contains("separate key", problem, StringComparison.Ordinal);
        Assert.Contains(role.ToName(), problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_refusal_names_every_entity_scoped_role_the_operator_key_was_given()
    {
        var problem = CredentialRules.Problem("ops", [Role.Submit, Role.Operator, Role.AccountAdministrator], EntityScope.None);

        Assert.Contains("submit, account_administrator", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_operator_key_alone_or_with_platform_administration_may_be_created()
    {
        Assert.Null(CredentialRules.Problem("night operator", [Role.Operator], EntityScope.None));
        Assert.Null(CredentialRules.Problem("root", [Role.PlatformAdministrator, Role.Operator], EntityScope.None));
        Assert.Null(CredentialRules.Problem("root", [Role.PlatformAdministrator, Role.Operator, Role.Submit], EntityScope.None));
    }

    [Fact]
    public void The_separate_keys_the_refusal_asks_for_may_be_created()
    {
        Assert.Null(CredentialRules.Problem("acme-admin", [Role.AccountAdministrator], OneEntity));
        Assert.Null(CredentialRules.Problem("invoicing", [Role.Resolve, Role.Submit], EntityScope.All));
    }

    [Fact]
    public void A_stored_operator_key_with_an_entity_scoped_role_is_refused_at_authentication_to_the_holder_of_its_secret()
    {
        var token = ApiKeyToken.Generate();
        ApiKey Key(Role[] roles, DateTimeOffset? revokedAt = null) =>
            new(token.KeyId, "legacy", roles, EntityScope.All, token.SecretHash(), DateTimeOffset.UtcNow, "tests", revokedAt);

        Assert.Equal(SecurityReasons.CredentialsNotAllowed, Key([Role.Operator, Role.Submit]).Refusal(token));
        Assert.Equal(SecurityReasons.CredentialsRevoked, Key([Role.Operator, Role.Submit], DateTimeOffset.UtcNow).Refusal(token));
        Assert.Equal(SecurityReasons.CredentialsInvalid, Key([Role.Operator, Role.Submit]).Refusal(ApiKeyToken.Generate()));
        Assert.Null(Key([Role.Operator]).Refusal(token));
        Assert.Null(Key([Role.PlatformAdministrator, Role.Operator, Role.Submit]).Refusal(token));
    }
}
