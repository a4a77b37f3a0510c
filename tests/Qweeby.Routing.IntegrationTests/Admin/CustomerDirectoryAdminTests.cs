using Grpc.Core;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Admin;

public sealed class CustomerDirectoryAdminTests(AdminFixture fixture) : IClassFixture<AdminFixture>
{
    private DirectoryAdmin.DirectoryAdminClient Admin => fixture.Directory;

    [Fact]
    public async Task A_customer_added_with_numbers_is_resolved_by_them_on_the_routing_host()
    {
        var (supplier, supplierSiret) = await fixture.SenderAsync();
        var (customer, customerSiret, _) = await fixture.RecipientAsync("Numbered Customer");

        var entry = await Admin.AddCustomerAsync(new AddCustomerRequest { Supplier = supplierSiret, Customer = customerSiret, CustomerNumbers = { "c-001", " C  002 " } });

        Assert.Equal(customer.ToString(), entry.CustomerId);
        Assert.Equal(["C 002", "C-001"], entry.CustomerNumbers);
        Assert.True(entry.Active);
        Assert.Equal(customer.ToString(), (await fixture.ResolveNumberAsync(supplierSiret, "C-001")).Recipient.EntityId);
        Assert.Equal(supplier.ToString(), entry.SupplierId);
    }

    [Fact]
    public async Task A_number_held_by_another_entry_is_a_conflict_naming_the_holder()
    {
        var (_, supplierSiret) = await fixture.SenderAsync();
        var (holder, holderSiret, _) = await fixture.RecipientAsync("Holder SARL");
        var (_, otherSiret, _) = await fixture.RecipientAsync("Other SARL");
        await Admin.AddCustomerAsync(new AddCustomerRequest { Supplier = supplierSiret, Customer = holderSiret, CustomerNumbers = { "K-1" } });
        await Admin.AddCustomerAsync(new AddCustomerRequest { Supplier = supplierSiret, Customer = otherSiret });

        var failure = await RpcAssert.FailsAsync(StatusCode.AlreadyExists, () => Admin.SetCustomerNumbersAsync(
            new SetCustomerNumbersRequest { Supplier = supplierSiret, Customer = otherSiret, CustomerNumbers = { "K-2", "k-1" } }).ResponseAsync);

        Assert.Equal("CUSTOMER_NUMBER_TAKEN", failure.Reason());
        Assert.Equal(holder.ToString(), failure.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>().Metadata["holder_entity_id"]);
        Assert.Contains("Holder SARL", failure.Status.Detail, StringComparison.Ordinal);
        var other = await Admin.ListCustomersAsync(new ListCustomersRequest { Supplier = supplierSiret, Query = otherSiret });
        Assert.Empty(Assert.Single(other.Entries).CustomerNumbers); // nothing half-written
    }

    [Fact]
    public async Task Deleting_an_entry_frees_its_numbers_at_once()
    {
        var (_, supplierSiret) = await fixture.SenderAsync();
        var (_, firstSiret, _) = await fixture.RecipientAsync("First Holder");
        var (second, secondSiret, _) = await fixture.RecipientAsync("Second Holder");
        await Admin.AddCustomerAsync(new AddCustomerRequest { Supplier = supplierSiret, Customer = firstSiret, CustomerNumbers = { "MOVE-1" } });
        await fixture.ResolveNumberAsync(supplierSiret, "MOVE-1"); // cached

        var deleted = await Admin.DeleteCustomerAsync(new CustomerRef { Supplier = supplierSiret, Customer = firstSiret });

        Assert.Equal(["MOVE-1"], deleted.FreedCustomerNumbers);
        await Eventually.True(async () => await RpcAssert.RefusalOf(() => fixture.ResolveNumberAsync(supplierSiret, "MOVE-1")) == "CUSTOMER_NUMBER_NOT_FOUND",
            TimeSpan.FromSeconds(2), "the freed number");
        await Admin.AddCustomerAsync(new AddCustomerRequest { Supplier = supplierSiret, Customer = secondSiret, CustomerNumbers = { "MOVE-1" } });
        await Eventually.True(async () => (await fixture.ResolveNumberAsync(supplierSiret, "MOVE-1")).Recipient.EntityId == second.ToString(),
            TimeSpan.FromSeconds(2), "the number on its new holder");
    }

    [Fact]
    public async Task Adding_a_customer_twice_is_a_conflict()
    {
        var (_, supplierSiret) = await fixture.SenderAsync();
        var (_, customerSiret, _) = await fixture.RecipientAsync();
        await Admin.AddCustomerAsync(new AddCustomerRequest { Supplier = supplierSiret, Customer = customerSiret });

        var failure = await RpcAssert.FailsAsync(StatusCode.AlreadyExists,
            () => Admin.AddCustomerAsync(new AddCustomerRequest { Supplier = supplierSiret, Customer = customerSiret }).ResponseAsync);

        Assert.Equal("CUSTOMER_ENTRY_EXISTS", failure.Reason());
    }

    [Fact]
    public async Task A_customer_unknown_to_the_directory_is_created_with_the_name_given()
    {
        var (_, supplierSiret) = await fixture.SenderAsync();
        var newSiret = TestIds.Siret(TestIds.Siren());

        var missingName = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => Admin.AddCustomerAsync(new AddCustomerRequest { Supplier = supplierSiret, Customer = newSiret }).ResponseAsync);
        var entry = await Admin.AddCustomerAsync(new AddCustomerRequest { Supplier = supplierSiret, Customer = newSiret, LegalName = "Brand New SAS", CustomerNumbers = { "N-1" } });

        Assert.Equal("legal_name", Assert.Single(missingName.Violations()).Field);
        Assert.Equal("Brand New SAS", entry.CustomerName);
        Assert.Equal([$"0009:{newSiret}"], entry.CustomerIdentifiers);
        // Known now, but without an administrator contact it refuses e-invoices.
        Assert.Equal("RECIPIENT_REFUSES_EINVOICING", await fixture.RefusalOfResolveAsync(supplierSiret, newSiret));
    }

    [Fact]
    public async Task Every_bad_field_of_an_add_is_reported_at_once()
    {
        var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Admin.AddCustomerAsync(new AddCustomerRequest
        {
            Supplier = "", Customer = "FR00732829320", CustomerNumbers = { "ok-1", "bad number!" }, PinnedProviderId = "Bad Provider",
        }).ResponseAsync);

        Assert.Equal(["customer:CHECK_DIGIT", "customer_numbers[1]:CHARACTERS", "pinned_provider_id:CHARACTERS", "supplier:REQUIRED"],
            failure.Violations().Select(v => $"{v.Field}:{v.Reason}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_pinned_provider_routes_this_suppliers_invoices_and_an_unknown_one_is_not_found()
    {
        var (_, supplierSiret) = await fixture.SenderAsync();
        var (customer, customerSiret, first) = await fixture.RecipientAsync();
        var second = await fixture.Seed.ProviderAsync();
        await fixture.Seed.RegisterAsync(customer, second, isDefault: false);
        await Admin.AddCustomerAsync(new AddCustomerRequest { Supplier = supplierSiret, Customer = customerSiret });
        Assert.Equal(first, (await fixture.ResolveAsync(supplierSiret, customerSiret)).Route.Provider.ProviderId);

        var pinned = await Admin.PinProviderAsync(new PinProviderRequest { Supplier = supplierSiret, Customer = customerSiret, ProviderId = second });
        var unknown = await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => Admin.PinProviderAsync(new PinProviderRequest { Supplier = supplierSiret, Customer = customerSiret, ProviderId = "no-such-ap" }).ResponseAsync);

        Assert.Equal(second, pinned.PinnedProviderId);
        Assert.Equal("PROVIDER_NOT_FOUND", unknown.Reason());
        await Eventually.True(async () => (await fixture.ResolveAsync(supplierSiret, customerSiret)).Route.Provider.ProviderId == second,
            TimeSpan.FromSeconds(2), "the pinned provider");
    }

    [Fact]
    public async Task A_deactivated_entry_refuses_sending_when_the_directory_is_closed_and_reactivation_restores_it()
    {
        var (_, supplierSiret) = await fixture.SenderAsync();
        var (_, customerSiret, _) = await fixture.RecipientAsync();
        await Admin.AddCustomerAsync(new AddCustomerRequest { Supplier = supplierSiret, Customer = customerSiret });
        await Admin.SetCustomerDirectoryModeAsync(new SetDirectoryModeRequest { Entity = supplierSiret, Mode = DirectoryMode.Closed });
        await fixture.ResolveAsync(supplierSiret, customerSiret);

        var entry = await Admin.DeactivateCustomerAsync(new CustomerRef { Supplier = supplierSiret, Customer = customerSiret });

        Assert.False(entry.Active);
        await Eventually.True(async () => await fixture.RefusalOfResolveAsync(supplierSiret, customerSiret) == "CUSTOMER_ENTRY_INACTIVE",
            TimeSpan.FromSeconds(2), "the inactive entry");
        Assert.True((await Admin.ReactivateCustomerAsync(new CustomerRef { Supplier = supplierSiret, Customer = customerSiret })).Active);
        await Eventually.True(async () => await fixture.RefusalOfResolveAsync(supplierSiret, customerSiret) is null, TimeSpan.FromSeconds(2), "the active entry");
    }

    [Fact]
    public async Task Customers_are_listed_by_name_in_pages_and_searched_by_name_number_or_identifier()
    {
        var (_, supplierSiret) = await fixture.SenderAsync();
        var names = new[] { "Zèbre Industries", "Alpha Conseil", "Béta Logistique" };
        var sirets = new List<string>();
        foreach (var name in names)
        {
            var (_, siret, _) = await fixture.RecipientAsync(name);
            sirets.Add(siret);
            await Admin.AddCustomerAsync(new AddCustomerRequest { Supplier = supplierSiret, Customer = siret, CustomerNumbers = { $"NUM-{sirets.Count}" } });
        }

        var first = await Admin.ListCustomersAsync(new ListCustomersRequest { Supplier = supplierSiret, PageSize = 2 });
        var second = await Admin.ListCustomersAsync(new ListCustomersRequest { Supplier = supplierSiret, PageSize = 2, PageToken = first.NextPageToken });

        Assert.Equal(["Alpha Conseil", "Béta Logistique"], first.Entries.Select(e => e.CustomerName));
        Assert.Equal(["Zèbre Industries"], second.Entries.Select(e => e.CustomerName));
        Assert.Equal("", second.NextPageToken);
        Assert.Equal("Béta Logistique", Assert.Single((await Admin.ListCustomersAsync(new ListCustomersRequest { Supplier = supplierSiret, Query = "beta" })).Entries).CustomerName);
        Assert.Equal("Béta Logistique", Assert.Single((await Admin.ListCustomersAsync(new ListCustomersRequest { Supplier = supplierSiret, Query = "num-3" })).Entries).CustomerName);
        Assert.Equal("Zèbre Industries", Assert.Single((await Admin.ListCustomersAsync(new ListCustomersRequest { Supplier = supplierSiret, Query = sirets[0] })).Entries).CustomerName);
        var foreign = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Admin.ListCustomersAsync(
            new ListCustomersRequest { Supplier = supplierSiret, Query = "beta", PageToken = first.NextPageToken }).ResponseAsync);
        Assert.Equal("page_token", Assert.Single(foreign.Violations()).Field);
    }

    [Fact]
    public async Task An_account_administrator_of_the_customer_cannot_change_its_suppliers_directory()
    {
        var (_, supplierSiret) = await fixture.SenderAsync();
        var (customer, customerSiret, _) = await fixture.RecipientAsync();
        var (invoker, _) = await fixture.AccountAdministratorAsync(customer);

        await Refusal.AssertAsync(StatusCode.PermissionDenied, "ENTITY_OUT_OF_SCOPE", () => new DirectoryAdmin.DirectoryAdminClient(invoker)
            .AddCustomerAsync(new AddCustomerRequest { Supplier = supplierSiret, Customer = customerSiret }).ResponseAsync);
    }
}
