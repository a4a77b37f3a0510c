using Qweeby.Routing.Core.Security;

namespace Qweeby.Routing.Core.Tests.Security;

public sealed class CallerTests
{
    private static readonly Guid Mine = Guid.NewGuid();
    private static readonly Guid Theirs = Guid.NewGuid();

    private static Caller Key(EntityScope scope, params Role[] roles) => new("key:0123456789abcdef", "test", CallerKind.ApiKey, roles, scope);

    [Fact]
    public void A_resolve_caller_may_resolve_for_its_entities_and_not_for_others()
    {
        var caller = Key(EntityScope.Of([Mine]), Role.Resolve);

        Assert.True(caller.MayActFor(Mine, Role.Resolve));
        Assert.False(caller.MayActFor(Theirs, Role.Resolve));
    }

    [Fact]
    public void A_resolve_caller_may_not_submit_even_for_its_own_entity()
    {
        var caller = Key(EntityScope.Of([Mine]), Role.Resolve);

        Assert.False(caller.Has(Role.Submit));
        Assert.False(caller.MayActFor(Mine, Role.Submit));
    }

    [Fact]
    public void A_platform_administrator_holds_every_role_but_partner_for_every_entity()
    {
        var caller = Key(EntityScope.None, Role.PlatformAdministrator);

        foreach (var role in Enum.GetValues<Role>().Where(r => r != Role.Partner))
            Assert.True(caller.MayActFor(Theirs, role), role.ToString());
        Assert.False(caller.Has(Role.Partner));
        Assert.True(caller.Scope.IsAll);
    }

    [Fact]
    public void An_account_administrator_administers_only_its_entities()
    {
        var caller = Key(EntityScope.Of([Mine]), Role.AccountAdministrator);

        Assert.True(caller.MayAdminister(Mine));
        Assert.False(caller.MayAdminister(Theirs));
    }

    [Fact]
    public void A_submit_caller_for_all_entities_may_submit_for_any_entity_but_not_administer()
    {
        var caller = Key(EntityScope.All, Role.Submit);

        Assert.True(caller.MayActFor(Theirs, Role.Submit));
        Assert.False(caller.MayAdminister(Theirs));
    }

    [Fact]
    public void A_partner_acts_as_its_provider_and_for_no_entity()
    {
        var outcome = new ServiceProviderCredential("ap-example", "Example AP", IsSuspended: false).Authenticate();

        var partner = Assert.IsType<Caller>(outcome.Caller);
        Assert.Equal("provider:ap-example", partner.Id);
        Assert.Equal("ap-example", partner.ProviderId);
        Assert.True(partner.Has(Role.Partner));
        Assert.False(partner.MayActFor(Mine, Role.Resolve));
    }

    [Fact]
    public void A_suspended_provider_is_refused_naming_the_provider()
    {
        var outcome = new ServiceProviderCredential("ap-example", "Example AP", IsSuspended: true).Authenticate();

        Assert.False(outcome.Succeeded);
        Assert.Equal(SecurityReasons.ProviderSuspended, outcome.FailureReason);
        Assert.Equal("provider:ap-example", outcome.ClaimedCallerId);
    }

    [Theory]
    [InlineData("resolve", Role.Resolve)]
    [InlineData("platform-administrator", Role.PlatformAdministrator)]
    [InlineData("account_administrator", Role.AccountAdministrator)]
    [InlineData("Operator", Role.Operator)]
    [InlineData("PlatformAdministrator", Role.PlatformAdministrator)]
    public void Role_names_parse_in_their_stored_dashed_and_enum_spellings(string text, Role expected)
    {
        Assert.True(RoleNames.TryParse(text, out var role));
        Assert.Equal(expected, role);
    }

    [Fact]
    public void Every_role_name_parses_back_to_its_role()
    {
        foreach (var role in Enum.GetValues<Role>())
            Assert.True(RoleNames.TryParse(role.ToName(), out var parsed) && parsed == role, role.ToString());
    }
}
