using Grpc.Core;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Admin;

/// <summary>
/// Resolution by SIREN or VAT number finds the entity holding SIRETs of it, and a SIRET finds its own entity first: an
/// account administrator who could add another tenant's SIREN, or a SIRET of it, to its own entity would take that
/// tenant's invoices. Only a platform administrator (or one who administers both) builds a company's legal unit and its
/// establishments as entities of their own.
/// </summary>
public sealed class LegalUnitScopeTests(AdminFixture fixture) : IClassFixture<AdminFixture>
{
    [Fact]
    public async Task An_account_administrator_cannot_add_identifiers_of_a_legal_unit_another_tenant_holds()
    {
        var (other, otherSiret, _) = await fixture.RecipientAsync("Other Tenant SA");
        var (mine, _) = await fixture.SenderAsync("My Company SAS");
        var (invoker, _) = await fixture.AccountAdministratorAsync(mine);
        var entities = new Entities.EntitiesClient(invoker);
        var siren = otherSiret[..9];
        string[] attempts = [siren, $"0009:{TestIds.Siret(siren, 2)}", $"0225:{siren}"];

        foreach (var identifier in attempts)
        {
            var failure = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => entities.UpdateEntityAsync(
                new UpdateEntityRequest { Entity = mine.ToString(), AddIdentifiers = { identifier } }).ResponseAsync);
            Assert.Equal("LEGAL_UNIT_OUT_OF_SCOPE", failure.Reason());
            Assert.DoesNotContain(other.ToString(), failure.Status.Detail, StringComparison.Ordinal);
            Assert.DoesNotContain(other.ToString(), failure.Trailers.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(other.ToString(), (await fixture.ResolveAsync("", siren)).Recipient.EntityId);
        var unchanged = await fixture.Entities.GetEntityAsync(new EntityRef { Entity = mine.ToString() });
        Assert.Single(unchanged.Identifiers);
    }

    [Fact]
    public async Task Establishments_of_one_legal_unit_are_joined_by_a_platform_administrator_or_one_who_administers_both()
    {
        var (unit, unitSiret, _) = await fixture.RecipientAsync("Legal Unit SA");
        var (establishment, _) = await fixture.SenderAsync("Establishment");
        var (other, _) = await fixture.SenderAsync("Second Establishment");
        var siren = unitSiret[..9];
        var (both, _) = await fixture.AccountAdministratorAsync(unit, other);

        var byPlatform = await fixture.Entities.UpdateEntityAsync(new UpdateEntityRequest
        {
            Entity = establishment.ToString(), AddIdentifiers = { TestIds.Siret(siren, 2) },
        });
        // The second establishment's administrator also administers the legal unit, but not the first establishment.
        var refused = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => new Entities.EntitiesClient(both).UpdateEntityAsync(
            new UpdateEntityRequest { Entity = other.ToString(), AddIdentifiers = { TestIds.Siret(siren, 3) } }).ResponseAsync);

        Assert.Equal(2, byPlatform.Identifiers.Count);
        Assert.Equal("LEGAL_UNIT_OUT_OF_SCOPE", refused.Reason());
    }

    [Fact]
    public async Task An_account_administrator_administering_every_holder_may_add_them()
    {
        var (unit, unitSiret, _) = await fixture.RecipientAsync("Group Head SA");
        var (branch, _) = await fixture.SenderAsync("Group Branch");
        var (invoker, _) = await fixture.AccountAdministratorAsync(unit, branch);

        var updated = await new Entities.EntitiesClient(invoker).UpdateEntityAsync(new UpdateEntityRequest
        {
            Entity = branch.ToString(), AddIdentifiers = { TestIds.Siret(unitSiret[..9], 2) },
        });

        Assert.Equal(2, updated.Identifiers.Count);
    }

    [Fact]
    public async Task A_siren_naming_several_entities_is_ambiguous_only_to_a_caller_administering_them_all()
    {
        var (first, firstSiret, _) = await fixture.RecipientAsync("Ambiguous Unit");
        var siren = firstSiret[..9];
        var (second, _) = await fixture.SenderAsync("Ambiguous Branch");
        await fixture.Entities.UpdateEntityAsync(new UpdateEntityRequest { Entity = second.ToString(), AddIdentifiers = { TestIds.Siret(siren, 2) } });
        var (outsider, _) = await fixture.AccountAdministratorAsync(Guid.NewGuid());
        var (both, _) = await fixture.AccountAdministratorAsync(first, second);

        var toOutsider = await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => new DirectoryAdmin.DirectoryAdminClient(outsider).GetSettingsAsync(new GetSettingsRequest { Entity = siren }).ResponseAsync);
        var toBoth = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => new DirectoryAdmin.DirectoryAdminClient(both).GetSettingsAsync(new GetSettingsRequest { Entity = siren }).ResponseAsync);

        Assert.Equal("ENTITY_OUT_OF_SCOPE", toOutsider.Reason());
        Assert.Equal("ENTITY_AMBIGUOUS", toBoth.Reason());
    }

    [Fact]
    public async Task A_supplier_adding_a_customer_by_another_establishment_of_a_known_company_cannot_create_it_beside_that_company()
    {
        var (supplier, supplierSiret) = await fixture.SenderAsync("Supplier Adding Customers");
        var (invoker, _) = await fixture.AccountAdministratorAsync(supplier);
        var admin = new DirectoryAdmin.DirectoryAdminClient(invoker);
        // A company known by its SIRET: another of its SIRETs names it (as resolution does), nothing is created.
        var (known, knownSiret, _) = await fixture.RecipientAsync("Known Establishment SA");
        var linked = await admin.AddCustomerAsync(new AddCustomerRequest
        {
            Supplier = supplierSiret, Customer = TestIds.Siret(knownSiret[..9], 2), LegalName = "Would Be New",
        });
        // A company known only by its 0225 address: a SIRET of it would be a new entity beside it.
        var siren = TestIds.Siren();
        var addressed = await fixture.Entities.CreateEntityAsync(new CreateEntityRequest
        {
            Kind = EntityKind.Company, LegalName = "Addressed Only SA", Country = "FR", Identifiers = { $"0225:{siren}" },
        });

        var failure = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => admin.AddCustomerAsync(
            new AddCustomerRequest { Supplier = supplierSiret, Customer = TestIds.Siret(siren), LegalName = "Beside It" }).ResponseAsync);

        Assert.Equal(known.ToString(), linked.CustomerId);
        Assert.Equal("LEGAL_UNIT_OUT_OF_SCOPE", failure.Reason());
        Assert.DoesNotContain(addressed.EntityId, failure.Status.Detail, StringComparison.Ordinal);
        var beside = await fixture.Directory.AddCustomerAsync(new AddCustomerRequest { Supplier = supplierSiret, Customer = TestIds.Siret(siren), LegalName = "Beside It" });
        Assert.NotEqual(addressed.EntityId, beside.CustomerId);
    }
}
