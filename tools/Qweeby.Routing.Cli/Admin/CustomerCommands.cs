using Qweeby.Routing.Contracts.Admin.V1;

namespace Qweeby.Routing.Cli.Admin;

/// <summary>qweeby customers: a supplier's customer directory.</summary>
internal static class CustomerCommands
{
    private static readonly string[] Columns = ["customer_id", "customer_name", "customer_identifiers", "active", "customer_numbers", "pinned_provider_id"];

    private static DirectoryAdmin.DirectoryAdminClient Client(AdminCall c) => new(c.Invoker);

    private static CustomerRef Pair(AdminCall c) => new() { Supplier = c.Arg(0), Customer = c.Arg(1) };

    public static readonly AdminCommand[] All =
    [
        new("customers", "add", ["SUPPLIER", "[CUSTOMER]"],
            "Adds a customer by identifier; one not in the directory yet needs --name (and --country outside France). " +
            "A natural person without an identifier: no CUSTOMER, --kind natural-person, --name, --country and --number.",
            ["--name", "--country", "--number", "--pin", "--kind"], ["--request-consent"],
            async c => await Client(c).AddCustomerAsync(new AddCustomerRequest
            {
                Supplier = c.Arg(0), Customer = c.Arg(1), LegalName = c.One("--name") ?? "", Country = c.One("--country") ?? "",
                CustomerNumbers = { c.All("--number") }, PinnedProviderId = c.One("--pin") ?? "", RequestConsent = c.Has("--request-consent"),
                Kind = c.One("--kind") is { } kind ? EntityCommands.Kind(kind) : EntityKind.Unspecified,
            }, deadline: c.Deadline)),
        new("customers", "set-numbers", ["SUPPLIER", "CUSTOMER"], "Replaces the customer's numbers with the --number values (none: removes them all).",
            ["--number"], [],
            async c => await Client(c).SetCustomerNumbersAsync(new SetCustomerNumbersRequest
            {
                Supplier = c.Arg(0), Customer = c.Arg(1), CustomerNumbers = { c.All("--number") },
            }, deadline: c.Deadline)),
        new("customers", "pin", ["SUPPLIER", "CUSTOMER", "[PROVIDER]"], "Pins the provider the supplier's invoices to this customer use; without PROVIDER, unpins.", [], [],
            async c => await Client(c).PinProviderAsync(new PinProviderRequest { Supplier = c.Arg(0), Customer = c.Arg(1), ProviderId = c.Arg(2) }, deadline: c.Deadline)),
        new("customers", "deactivate", ["SUPPLIER", "CUSTOMER"], "Deactivates the entry (kept, with its numbers).", [], [],
            async c => await Client(c).DeactivateCustomerAsync(Pair(c), deadline: c.Deadline)),
        new("customers", "reactivate", ["SUPPLIER", "CUSTOMER"], "Reactivates the entry.", [], [],
            async c => await Client(c).ReactivateCustomerAsync(Pair(c), deadline: c.Deadline)),
        new("customers", "delete", ["SUPPLIER", "CUSTOMER"], "Deletes the entry and frees its customer numbers.", [], [],
            async c => await Client(c).DeleteCustomerAsync(Pair(c), deadline: c.Deadline)),
        new("customers", "list", ["SUPPLIER"], "Lists the supplier's customers by name; --query: an identifier, a customer number or a name fragment.",
            ["--query", "--page-size", "--page-token"], [],
            async c => await Client(c).ListCustomersAsync(new ListCustomersRequest
            {
                Supplier = c.Arg(0), Query = c.One("--query") ?? "", PageSize = AdminCommands.Number(c, "--page-size"), PageToken = c.One("--page-token") ?? "",
            }, deadline: c.Deadline),
            Columns),
    ];
}
