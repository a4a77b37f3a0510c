using Grpc.Core;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.IntegrationTests.Infrastructure;
using AdminEntityKind = Qweeby.Routing.Contracts.Admin.V1.EntityKind;

namespace Qweeby.Routing.IntegrationTests.Admin;

/// <summary>
/// A natural person has no business identifier (domain brief, entity kinds): a supplier adds it with its name, country
/// and customer numbers, and resolution finds it by them.
/// </summary>
public sealed class NaturalPersonCustomerTests(AdminFixture fixture) : IClassFixture<AdminFixture>
{
    private DirectoryAdmin.DirectoryAdminClient Admin => fixture.Directory;

    [Fact]
    public async Task A_natural_person_added_without_an_identifier_is_created_and_resolved_by_the_suppliers_customer_number()
    {
        var (_, supplierSiret) = await fixture.SenderAsync();

        var entry = await Admin.AddCustomerAsync(new AddCustomerRequest
        {
            Supplier = supplierSiret, Kind = AdminEntityKind.NaturalPerson, LegalName = "Jeanne Martin", Country = "FR", CustomerNumbers = { "P-1001" },
        });
        var person = await fixture.Entities.GetEntityAsync(new EntityRef { Entity = entry.CustomerId });
        // Known, without a contact: it refuses e-invoices until it has one.
        var refusal = await RpcAssert.RefusalOf(() => fixture.ResolveNumberAsync(supplierSiret, "P-1001"));
        await fixture.Entities.AddContactAsync(new AddContactRequest
        {
            Entity = entry.CustomerId, Contact = new NewContact { LastName = "Martin", FirstName = "Jeanne", Email = $"{Guid.NewGuid():N}@example.test" },
        });
        var provider = await fixture.Seed.ProviderAsync();
        await fixture.Seed.RegisterAsync(Guid.Parse(entry.CustomerId), provider);
        ResolveReply? resolved = null;
        await Eventually.True(async () => (resolved = await fixture.ResolveNumberAsync(supplierSiret, "P-1001")).Route.Provider.ProviderId == provider,
            TimeSpan.FromSeconds(5), "the person routed once it has a contact and a provider");

        Assert.Empty(entry.CustomerIdentifiers);
        Assert.Equal(("Jeanne Martin", AdminEntityKind.NaturalPerson, "FR"), (person.LegalName, person.Kind, person.Country));
        Assert.Empty(person.Identifiers);
        Assert.Equal("RECIPIENT_REFUSES_EINVOICING", refusal);
        Assert.Equal(entry.CustomerId, resolved!.Recipient.EntityId);
    }

    [Fact]
    public async Task A_natural_person_without_an_identifier_needs_its_name_country_and_a_customer_number_and_nothing_is_created_without_them()
    {
        var (_, supplierSiret) = await fixture.SenderAsync();

        var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Admin.AddCustomerAsync(new AddCustomerRequest
        {
            Supplier = supplierSiret, Kind = AdminEntityKind.NaturalPerson,
        }).ResponseAsync);
        var noKind = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Admin.AddCustomerAsync(new AddCustomerRequest
        {
            Supplier = supplierSiret, LegalName = "Jeanne Martin", Country = "FR", CustomerNumbers = { "P-2" },
        }).ResponseAsync);
        var listed = await Admin.ListCustomersAsync(new ListCustomersRequest { Supplier = supplierSiret });

        Assert.Equal(["country:REQUIRED", "customer_numbers:REQUIRED", "legal_name:REQUIRED"],
            failure.Violations().Select(v => $"{v.Field}:{v.Reason}").Order(StringComparer.Ordinal));
        Assert.Equal("customer:REQUIRED", $"{Assert.Single(noKind.Violations()).Field}:{noKind.Violations()[0].Reason}");
        Assert.Empty(listed.Entries);
    }

    [Fact]
    public async Task A_natural_person_without_an_identifier_is_renamed_keeps_a_customer_number_and_does_not_become_a_company()
    {
        var (_, supplierSiret) = await fixture.SenderAsync();
        var entry = await Admin.AddCustomerAsync(new AddCustomerRequest
        {
            Supplier = supplierSiret, Kind = AdminEntityKind.NaturalPerson, LegalName = "Jeanne Martin", Country = "FR", CustomerNumbers = { "P-3" },
        });

        var renamed = await fixture.Entities.UpdateEntityAsync(new UpdateEntityRequest { Entity = entry.CustomerId, LegalName = "Jeanne Martin-Durand" });
        var lastNumber = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => Admin.SetCustomerNumbersAsync(
            new SetCustomerNumbersRequest { Supplier = supplierSiret, Customer = entry.CustomerId }).ResponseAsync);
        var company = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => fixture.Entities.UpdateEntityAsync(
            new UpdateEntityRequest { Entity = entry.CustomerId, Kind = AdminEntityKind.Company }).ResponseAsync);
        var listed = await Admin.ListCustomersAsync(new ListCustomersRequest { Supplier = supplierSiret, Query = "P-3" });

        Assert.Equal("Jeanne Martin-Durand", renamed.LegalName);
        Assert.Equal("CUSTOMER_NUMBER_REQUIRED", lastNumber.Reason());
        Assert.Equal("LAST_IDENTIFIER", company.Reason());
        Assert.Equal(["P-3"], Assert.Single(listed.Entries).CustomerNumbers);
    }

    [Fact]
    public async Task A_natural_person_drops_its_last_identifier_only_while_a_customer_number_finds_it()
    {
        var (_, supplierSiret) = await fixture.SenderAsync();
        var gln = "0088:5790000435951";
        var person = await fixture.Entities.CreateEntityAsync(new CreateEntityRequest
        {
            Kind = AdminEntityKind.NaturalPerson, LegalName = "Luc Bernard", Country = "FR", Identifiers = { gln },
        });

        var unfindable = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => fixture.Entities.UpdateEntityAsync(
            new UpdateEntityRequest { Entity = person.EntityId, RemoveIdentifiers = { gln } }).ResponseAsync);
        await Admin.AddCustomerAsync(new AddCustomerRequest { Supplier = supplierSiret, Customer = person.EntityId, CustomerNumbers = { "P-9" } });
        var dropped = await fixture.Entities.UpdateEntityAsync(new UpdateEntityRequest { Entity = person.EntityId, RemoveIdentifiers = { gln } });

        Assert.Equal("LAST_IDENTIFIER", unfindable.Reason());
        Assert.Empty(dropped.Identifiers);
    }

    [Fact]
    public async Task Only_a_natural_person_is_created_without_an_identifier()
    {
        var person = await fixture.Entities.CreateEntityAsync(new CreateEntityRequest
        {
            Kind = AdminEntityKind.NaturalPerson, LegalName = "Paul Durand", Country = "FR",
        });
        var company = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => fixture.Entities.CreateEntityAsync(new CreateEntityRequest
        {
            Kind = AdminEntityKind.Company, LegalName = "Sans Numéro SARL", Country = "FR",
        }).ResponseAsync);

        Assert.Equal((AdminEntityKind.NaturalPerson, 0), (person.Kind, person.Identifiers.Count));
        Assert.Equal("identifiers:REQUIRED", $"{Assert.Single(company.Violations()).Field}:{company.Violations()[0].Reason}");
    }
}
