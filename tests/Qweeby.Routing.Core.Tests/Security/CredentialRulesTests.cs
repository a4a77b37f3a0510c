using Qweeby.Routing.Core.Security;

namespace Qweeby.Routing.Core.Tests.Security;

public sealed class CredentialRulesTests
{
    private static readonly EntityScope OneEntity = EntityScope.Of([Guid.NewGuid()]);

    [Fact]
    public void A_resolve_key_for_listed_entities_may_be_created()
    {
        Assert.Null(CredentialRules.Problem("invoicing", [Role.Resolve, Role.Submit], OneEntity));
    }

    [Fact]
    public void A_resolve_key_without_entities_is_refused_rather_than_made_platform_wide()
    {
        Assert.Contains("which entities", CredentialRules.Problem("invoicing", [Role.Resolve], EntityScope.None), StringComparison.Ordinal);
    }

    [Fact]
    public void A_submit_key_for_all_entities_may_be_created_for_platform_services()
    {
        Assert.Null(CredentialRules.Problem("invoicing", [Role.Submit], EntityScope.All));
    }

    [Fact]
    public void A_platform_administrator_key_with_an_entity_list_is_refused()
    {
        Assert.Contains("drop the entity list", CredentialRules.Problem("root", [Role.PlatformAdministrator], OneEntity), StringComparison.Ordinal);
    }

    [Fact]
    public void An_account_administrator_for_all_entities_is_refused()
    {
        Assert.NotNull(CredentialRules.Problem("admin", [Role.AccountAdministrator], EntityScope.All));
    }

    [Fact]
    public void A_partner_key_is_refused_because_partners_use_certificates()
    {
        Assert.Contains("client certificate", CredentialRules.Problem("ap", [Role.Partner], OneEntity), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("bad\nname")]
    public void A_key_without_a_printable_name_is_refused(string name)
    {
        Assert.NotNull(CredentialRules.Problem(name, [Role.Operator], EntityScope.All));
    }

    [Fact]
    public void Platform_wide_roles_are_stored_for_all_entities()
    {
        Assert.True(CredentialRules.Normalize([Role.Operator], EntityScope.None).IsAll);
        Assert.False(CredentialRules.Normalize([Role.Resolve], OneEntity).IsAll);
    }
}
