using Grpc.Core;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Admin;

public sealed class ProviderAdminTests(AdminFixture fixture) : IClassFixture<AdminFixture>
{
    private ServiceProviders.ServiceProvidersClient Admin => fixture.Providers;

    private static string NewId() => $"ap-{Guid.NewGuid():N}"[..14];

    private static RegisterProviderRequest Provider(string id, string? sha = null) => new()
    {
        ProviderId = id, Name = $"Provider {id}", Endpoint = $"https://{id}.example:443", Channel = "interoperability", ClientCertSha256 = sha ?? "",
    };

    [Fact]
    public async Task A_registered_provider_with_an_entity_registered_there_is_where_routing_sends()
    {
        var id = NewId();
        var (entity, siret, first) = await fixture.RecipientAsync();
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Guid.NewGuid().ToByteArray()));

        var provider = await Admin.RegisterProviderAsync(Provider(id, sha.ToUpperInvariant()));
        var registered = await Admin.RegisterEntityAsync(new RegisterEntityRequest { Entity = siret, ProviderId = id, DocumentTypes = { "invoice" } });
        Assert.Equal(first, (await fixture.ResolveAsync("", siret)).Route.Provider.ProviderId);
        var withDefault = await Admin.SetDefaultProviderAsync(new SetDefaultProviderRequest { Entity = entity.ToString(), ProviderId = id });

        Assert.Equal(sha, provider.ClientCertSha256);
        Assert.True(provider.Active);
        Assert.Equal(["invoice"], registered.Registrations.Single(r => r.ProviderId == id).DocumentTypes);
        Assert.Equal(id, withDefault.Registrations.Single(r => r.IsDefault).ProviderId);
        await Eventually.True(async () => (await fixture.ResolveAsync("", siret)).Route.Provider.ProviderId == id, TimeSpan.FromSeconds(2), "the new default");
    }

    [Fact]
    public async Task Suspending_a_provider_reroutes_at_once_and_reactivating_restores_it()
    {
        var (entity, siret, first) = await fixture.RecipientAsync();
        var second = await fixture.Seed.ProviderAsync();
        await fixture.Seed.RegisterAsync(entity, second, isDefault: false);
        await fixture.ResolveAsync("", siret);

        var suspended = await Admin.SuspendProviderAsync(new ProviderRef { ProviderId = first });

        Assert.False(suspended.Active);
        await Eventually.True(async () => (await fixture.ResolveAsync("", siret)).Route.Provider.ProviderId == second, TimeSpan.FromSeconds(2), "rerouted");
        await Admin.ReactivateProviderAsync(new ProviderRef { ProviderId = first });
        await Eventually.True(async () => (await fixture.ResolveAsync("", siret)).Route.Provider.ProviderId == first, TimeSpan.FromSeconds(2), "restored");
    }

    [Fact]
    public async Task Duplicates_bad_fields_and_receivers_without_administrator_are_refused()
    {
        var id = NewId();
        var sha = new string('a', 64);
        await Admin.RegisterProviderAsync(Provider(id, sha));
        var noAdmin = await fixture.Seed.EntityAsync("No Admin", [TestIds.Siret(TestIds.Siren())], withAdministrator: false);

        var again = await RpcAssert.FailsAsync(StatusCode.AlreadyExists, () => Admin.RegisterProviderAsync(Provider(id)).ResponseAsync);
        var sameCertificate = await RpcAssert.FailsAsync(StatusCode.AlreadyExists, () => Admin.RegisterProviderAsync(Provider(NewId(), sha)).ResponseAsync);
        var invalid = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Admin.RegisterProviderAsync(new RegisterProviderRequest
        {
            ProviderId = "Bad Id", Endpoint = "ftp://x", Channel = "pigeon", ClientCertSha256 = "abc",
        }).ResponseAsync);
        var precondition = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => Admin.RegisterEntityAsync(new RegisterEntityRequest { Entity = noAdmin.ToString(), ProviderId = id }).ResponseAsync);
        var updated = await Admin.UpdateProviderAsync(new UpdateProviderRequest { ProviderId = id, Endpoint = "https://moved.example", ClientCertSha256 = "" });

        Assert.Equal("PROVIDER_EXISTS", again.Reason());
        Assert.Equal("CERTIFICATE_TAKEN", sameCertificate.Reason());
        Assert.Equal(["channel:FORMAT", "client_cert_sha256:FORMAT", "endpoint:FORMAT", "name:REQUIRED", "provider_id:CHARACTERS"],
            invalid.Violations().Select(v => $"{v.Field}:{v.Reason}").Order(StringComparer.Ordinal));
        Assert.Equal("ADMINISTRATOR_CONTACT_REQUIRED", precondition.Reason());
        Assert.Equal("https://moved.example", updated.Endpoint);
        Assert.Equal("", updated.ClientCertSha256);
        Assert.Contains((await Admin.ListProvidersAsync(new ListProvidersRequest())).Providers, p => p.ProviderId == id);
    }

    [Fact]
    public async Task Provider_management_is_for_platform_administrators_but_an_account_administrator_picks_its_default()
    {
        var (entity, siret, first) = await fixture.RecipientAsync();
        var second = await fixture.Seed.ProviderAsync();
        await fixture.Seed.RegisterAsync(entity, second, isDefault: false);
        var (invoker, _) = await fixture.AccountAdministratorAsync(entity);
        var client = new ServiceProviders.ServiceProvidersClient(invoker);

        await Refusal.AssertAsync(StatusCode.PermissionDenied, "ROLE_REQUIRED", () => client.SuspendProviderAsync(new ProviderRef { ProviderId = first }).ResponseAsync);
        var entityAfter = await client.SetDefaultProviderAsync(new SetDefaultProviderRequest { Entity = siret, ProviderId = second });
        var missing = await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => client.SetDefaultProviderAsync(new SetDefaultProviderRequest { Entity = siret, ProviderId = "not-registered-here" }).ResponseAsync);

        Assert.Equal(second, entityAfter.Registrations.Single(r => r.IsDefault).ProviderId);
        Assert.Equal("PROVIDER_NOT_FOUND", missing.Reason());
    }
}
