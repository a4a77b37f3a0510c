using Grpc.Core;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Core.Identifiers;
using Qweeby.Routing.Data.Admin;
using Qweeby.Routing.Hosting.Grpc;
using Qweeby.Routing.Hosting.Security;
using CoreKind = Qweeby.Routing.Core.Directory.EntityKind;

namespace Qweeby.Routing.Admin.Grpc;

/// <summary>The supplier's customer directory: the supplier's administrators.</summary>
public sealed partial class DirectoryAdminService
{
    private const int MaxCustomerNumbers = 100;

    public override async Task<CustomerEntry> AddCustomer(AddCustomerRequest request, ServerCallContext context)
    {
        var fields = new RequestFields();
        var supplier = fields.Entity("supplier", request.Supplier);
        var kind = fields.Kind("kind", request.Kind, required: false);
        // A natural person has no business identifier: added without one, it is created and found by the customer numbers.
        var identifierless = kind == CoreKind.NaturalPerson && string.IsNullOrWhiteSpace(request.Customer);
        var customer = identifierless ? default : fields.Entity("customer", request.Customer);
        var name = fields.Text("legal_name", request.LegalName, required: false);
        var country = fields.Country("country", request.Country, required: false);
        var numbers = fields.CustomerNumbers("customer_numbers", request.CustomerNumbers, MaxCustomerNumbers);
        var pinned = fields.ProviderId("pinned_provider_id", request.PinnedProviderId, required: false);
        fields.ThrowIfInvalid();

        var supplierId = await entities.ResolveAdministeredAsync(context, "supplier", supplier);
        var customerId = identifierless ? null : await entities.FindAsync("customer", customer, context.CancellationToken);
        NewCustomer? create = null;
        if (customerId is null)
        {
            var identifier = customer.Identifier;
            if (!identifierless && identifier is null)
                throw RpcErrors.EntityNotFound("customer", customer.ToString()).ToException();
            var named = identifier?.ToString() ?? "A natural person added without an identifier";
            var missing = new RequestFields();
            if (name is null)
                missing.Add("legal_name", "REQUIRED", $"{named} is not in the directory yet: give its legal_name to create it as a customer.");
            var derived = country ?? (identifier is { } known ? CountryOf(known) : null);
            if (derived is null)
                missing.Add("country", "REQUIRED", $"{named} does not say which country the customer is in: give its country.");
            if (identifierless && numbers.Count == 0)
                missing.Add("customer_numbers", "REQUIRED", "A natural person without an identifier is found only by your customer numbers: give at least one.");
            missing.ThrowIfInvalid();
            create = new NewCustomer(identifier, name!, derived!, kind ?? CoreKind.Company);
        }
        var caller = context.GetCaller();
        var record = await AdminErrors.GuardAsync(() => customers.AddAsync(supplierId, customerId, create, numbers, pinned, request.RequestConsent,
            caller.Id, caller.MayAdminister, context.CancellationToken));
        return record.ToReply();
    }

    public override async Task<CustomerEntry> SetCustomerNumbers(SetCustomerNumbersRequest request, ServerCallContext context)
    {
        var fields = new RequestFields();
        var numbers = fields.CustomerNumbers("customer_numbers", request.CustomerNumbers, MaxCustomerNumbers);
        var (supplierId, customerId) = await PairAsync(fields, request.Supplier, request.Customer, context);
        return (await AdminErrors.GuardAsync(() => customers.SetNumbersAsync(supplierId, customerId, numbers, context.GetCaller().Id, context.CancellationToken))).ToReply();
    }

    public override async Task<CustomerEntry> PinProvider(PinProviderRequest request, ServerCallContext context)
    {
        var fields = new RequestFields();
        var provider = fields.ProviderId("provider_id", request.ProviderId, required: false);
        var (supplierId, customerId) = await PairAsync(fields, request.Supplier, request.Customer, context);
        return (await AdminErrors.GuardAsync(() => customers.PinAsync(supplierId, customerId, provider, context.GetCaller().Id, context.CancellationToken))).ToReply();
    }

    public override Task<CustomerEntry> DeactivateCustomer(CustomerRef request, ServerCallContext context) => SetActiveAsync(request, false, context);

    public override Task<CustomerEntry> ReactivateCustomer(CustomerRef request, ServerCallContext context) => SetActiveAsync(request, true, context);

    private async Task<CustomerEntry> SetActiveAsync(CustomerRef request, bool active, ServerCallContext context)
    {
        var (supplierId, customerId) = await PairAsync(new RequestFields(), request.Supplier, request.Customer, context);
        return (await AdminErrors.GuardAsync(() => customers.SetActiveAsync(supplierId, customerId, active, context.GetCaller().Id, context.CancellationToken))).ToReply();
    }

    public override async Task<DeleteCustomerReply> DeleteCustomer(CustomerRef request, ServerCallContext context)
    {
        var (supplierId, customerId) = await PairAsync(new RequestFields(), request.Supplier, request.Customer, context);
        var (entryId, freed) = await AdminErrors.GuardAsync(() => customers.DeleteAsync(supplierId, customerId, context.GetCaller().Id, context.CancellationToken));
        return new DeleteCustomerReply { EntryId = entryId.ToString(), FreedCustomerNumbers = { freed } };
    }

    public override async Task<ListCustomersReply> ListCustomers(ListCustomersRequest request, ServerCallContext context)
    {
        var fields = new RequestFields();
        var supplier = fields.Entity("supplier", request.Supplier);
        var size = fields.PageSize("page_size", request.PageSize, limits.Value.MaxPageSize);
        var text = fields.Text("query", request.Query, required: false);
        var query = $"customers|{request.Supplier}|{text}";
        var offset = PageToken.DecodeOffset(fields, "page_token", request.PageToken, query);
        fields.ThrowIfInvalid();
        var supplierId = await entities.ResolveAdministeredAsync(context, "supplier", supplier);
        var filter = await FilterAsync(fields, text, context.CancellationToken);
        var (items, more) = await customerEntries.ListAsync(supplierId, filter, offset!.Value, size, context.CancellationToken);
        return new ListCustomersReply { Entries = { items.Select(e => e.ToReply()) }, NextPageToken = more ? PageToken.Encode(query, offset.Value + size) : "" };
    }

    /// <summary>An identifier finds its entity's entry; anything else is a customer number or a name fragment.</summary>
    private async Task<CustomerFilter> FilterAsync(RequestFields fields, string? text, CancellationToken ct)
    {
        if (text is null)
            return new CustomerFilter();
        if (PartyId.TryParse(text, out var id, out _))
            return new CustomerFilter(CustomerIds: await entities.FindAsync("query", new EntityReference(text, null, id), ct) is { } found ? [found] : []);
        var number = CustomerNumber.TryParse(text, out var n, out _) ? n.Value : null;
        if (text.Length >= 3)
            return new CustomerFilter(Number: number, NameFragment: text);
        if (number is null)
        {
            fields.Add("query", "TOO_SHORT", "A name fragment has at least 3 characters.");
            fields.ThrowIfInvalid();
        }
        return new CustomerFilter(Number: number);
    }

    /// <summary>Supplier (administered by the caller) and customer of a customer-directory request.</summary>
    private async Task<(Guid Supplier, Guid Customer)> PairAsync(RequestFields fields, string supplierText, string customerText, ServerCallContext context)
    {
        var supplier = fields.Entity("supplier", supplierText);
        var customer = fields.Entity("customer", customerText);
        fields.ThrowIfInvalid();
        var supplierId = await entities.ResolveAdministeredAsync(context, "supplier", supplier);
        return (supplierId, await entities.ResolveAsync("customer", customer, context.CancellationToken));
    }

    private static string? CountryOf(PartyId id) => id.Scheme switch
    {
        IdentifierScheme.Siren or IdentifierScheme.Siret or IdentifierScheme.FrenchVat or IdentifierScheme.FrenchAddress => "FR",
        IdentifierScheme.EuVat => id.CountryCode switch { "EL" => "GR", "XI" => "GB", var c => c },
        _ => null,
    };
}
