using Grpc.Core;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.IntegrationTests.Infrastructure;
using Qweeby.Routing.IntegrationTests.Security;

namespace Qweeby.Routing.IntegrationTests.Admin;

/// <summary>
/// Every string field of the admin RPCs (directory settings, suppliers, customers, consents, activations,
/// entities, providers, audit), tried with the hostile values of <see cref="HostileInputTests"/>: each gets a
/// clear answer (never INTERNAL or UNKNOWN, no exception text, no echo of an unbounded value) and nothing is
/// written. Writes carry the value in a field it can never be valid for (a country, an e-mail, an identifier)
/// so that a value acceptable elsewhere (a legal name may well be <c>' OR '1'='1</c>) still writes nothing.
/// </summary>
public sealed class AdminHostileInputTests(AdminFixture fx) : IClassFixture<AdminFixture>
{
    private const int MaxMessageLength = 2048;

    private static readonly StatusCode[] Clear =
        [StatusCode.OK, StatusCode.InvalidArgument, StatusCode.NotFound, StatusCode.FailedPrecondition, StatusCode.AlreadyExists];

    [Theory]
    [MemberData(nameof(HostileInputTests.Hostile), MemberType = typeof(HostileInputTests))]
    public async Task Every_directory_admin_field_answers_a_hostile_value_clearly_and_writes_nothing(string value)
    {
        var (s, c, _) = await PartiesAsync();
        var d = fx.Directory;
        await AssertClearAndNothingWrittenAsync(
        [
            () => d.GetSettingsAsync(new GetSettingsRequest { Entity = value }).ResponseAsync,
            () => d.SetCustomerDirectoryModeAsync(new SetDirectoryModeRequest { Entity = value, Mode = DirectoryMode.Closed }).ResponseAsync,
            () => d.SetSupplierDirectoryModeAsync(new SetDirectoryModeRequest { Entity = value, Mode = DirectoryMode.Closed }).ResponseAsync,
            () => d.ListPendingSuppliersAsync(new ListPendingSuppliersRequest { Receiver = value }).ResponseAsync,
            () => d.ListPendingSuppliersAsync(new ListPendingSuppliersRequest { Receiver = c, PageToken = value }).ResponseAsync,
            () => d.RequestApprovalAsync(new SupplierDecisionRequest { Receiver = c, Supplier = value }).ResponseAsync,
            () => d.ApproveSupplierAsync(new SupplierDecisionRequest { Receiver = value, Supplier = s }).ResponseAsync,
            () => d.RevokeSupplierAsync(new SupplierDecisionRequest { Receiver = value, Supplier = value }).ResponseAsync,
            () => d.AddCustomerAsync(new AddCustomerRequest
            {
                Supplier = s, Customer = value, LegalName = value, CustomerNumbers = { value }, PinnedProviderId = value, Country = value,
            }).ResponseAsync,
            () => d.AddCustomerAsync(new AddCustomerRequest { Supplier = value, Customer = c, CustomerNumbers = { value } }).ResponseAsync,
            () => d.AddCustomerAsync(new AddCustomerRequest { Supplier = s, Customer = c, CustomerNumbers = { value }, Country = value }).ResponseAsync,
            () => d.SetCustomerNumbersAsync(new SetCustomerNumbersRequest { Supplier = s, Customer = value, CustomerNumbers = { value } }).ResponseAsync,
            () => d.PinProviderAsync(new PinProviderRequest { Supplier = s, Customer = value, ProviderId = value }).ResponseAsync,
            () => d.PinProviderAsync(new PinProviderRequest { Supplier = s, Customer = c, ProviderId = value }).ResponseAsync,
            () => d.DeactivateCustomerAsync(new CustomerRef { Supplier = s, Customer = value }).ResponseAsync,
            () => d.ReactivateCustomerAsync(new CustomerRef { Supplier = value, Customer = c }).ResponseAsync,
            () => d.DeleteCustomerAsync(new CustomerRef { Supplier = value, Customer = value }).ResponseAsync,
            () => d.ListCustomersAsync(new ListCustomersRequest { Supplier = value }).ResponseAsync,
            () => d.ListCustomersAsync(new ListCustomersRequest { Supplier = s, Query = value }).ResponseAsync,
            () => d.ListCustomersAsync(new ListCustomersRequest { Supplier = s, PageToken = value }).ResponseAsync,
            () => d.RequestConsentAsync(new ConsentPair { Supplier = s, Customer = value }).ResponseAsync,
            () => d.DecideConsentAsync(new DecideConsentRequest { Supplier = value, Customer = c, Decision = ConsentDecision.Accept }).ResponseAsync,
            () => d.RequestActivationAsync(new RequestActivationRequest { Supplier = s, Customer = value, ProviderId = value }).ResponseAsync,
            () => d.RequestActivationAsync(new RequestActivationRequest { Supplier = s, Customer = c, ProviderId = value }).ResponseAsync,
            () => d.AdvanceActivationAsync(new AdvanceActivationRequest { Supplier = value, Customer = value, State = ActivationState.Requested }).ResponseAsync,
        ]);
    }

    [Theory]
    [MemberData(nameof(HostileInputTests.Hostile), MemberType = typeof(HostileInputTests))]
    public async Task Every_entity_provider_and_audit_field_answers_a_hostile_value_clearly_and_writes_nothing(string value)
    {
        var (s, _, provider) = await PartiesAsync();
        var e = fx.Entities;
        var p = fx.Providers;
        var contact = new NewContact { LastName = value, FirstName = value, Email = value, Role = ContactRole.Administrator };
        await AssertClearAndNothingWrittenAsync(
        [
            () => e.CreateEntityAsync(new CreateEntityRequest
            {
                Kind = EntityKind.Company, LegalName = value, Country = value, Identifiers = { value }, Contacts = { contact },
            }).ResponseAsync,
            () => e.CreateEntityAsync(new CreateEntityRequest
            {
                Kind = EntityKind.Company, LegalName = "Hostile SA", Country = "FR", Identifiers = { TestIds.Siret(TestIds.Siren()) }, Contacts = { contact },
            }).ResponseAsync,
            () => e.GetEntityAsync(new EntityRef { Entity = value }).ResponseAsync,
            () => e.DeactivateEntityAsync(new EntityRef { Entity = value }).ResponseAsync,
            () => e.ReactivateEntityAsync(new EntityRef { Entity = value }).ResponseAsync,
            () => e.UpdateEntityAsync(new UpdateEntityRequest { Entity = s, LegalName = value, Country = value }).ResponseAsync,
            () => e.UpdateEntityAsync(new UpdateEntityRequest { Entity = s, AddIdentifiers = { value } }).ResponseAsync,
            () => e.UpdateEntityAsync(new UpdateEntityRequest { Entity = s, RemoveIdentifiers = { value } }).ResponseAsync,
            () => e.UpdateEntityAsync(new UpdateEntityRequest { Entity = value, LegalName = "Renamed" }).ResponseAsync,
            () => e.AddContactAsync(new AddContactRequest { Entity = s, Contact = contact }).ResponseAsync,
            () => e.AddContactAsync(new AddContactRequest
            {
                Entity = value, Contact = new NewContact { LastName = "Durand", FirstName = "Léa", Email = "lea@hostile.test" },
            }).ResponseAsync,
            () => p.RegisterProviderAsync(new RegisterProviderRequest
            {
                ProviderId = value, Name = value, Endpoint = value, Channel = value, ClientCertSubject = value,
            }).ResponseAsync,
            () => p.RegisterProviderAsync(new RegisterProviderRequest
            {
                ProviderId = $"hostile-{Guid.NewGuid():N}"[..20], Name = value, Endpoint = value, Channel = value, ClientCertSubject = value,
            }).ResponseAsync,
            () => p.UpdateProviderAsync(new UpdateProviderRequest { ProviderId = provider, Name = value, Endpoint = value, Channel = value }).ResponseAsync,
            () => p.UpdateProviderAsync(new UpdateProviderRequest { ProviderId = provider, Endpoint = value }).ResponseAsync,
            () => p.UpdateProviderAsync(new UpdateProviderRequest { ProviderId = provider, Channel = value }).ResponseAsync,
            () => p.UpdateProviderAsync(new UpdateProviderRequest { ProviderId = value, Name = "Renamed" }).ResponseAsync,
            () => p.SuspendProviderAsync(new ProviderRef { ProviderId = value }).ResponseAsync,
            () => p.ReactivateProviderAsync(new ProviderRef { ProviderId = value }).ResponseAsync,
            () => p.RegisterEntityAsync(new RegisterEntityRequest { Entity = value, ProviderId = provider }).ResponseAsync,
            () => p.RegisterEntityAsync(new RegisterEntityRequest { Entity = s, ProviderId = value }).ResponseAsync,
            () => p.RegisterEntityAsync(new RegisterEntityRequest { Entity = s, ProviderId = value, DocumentTypes = { value } }).ResponseAsync,
            () => p.SetDefaultProviderAsync(new SetDefaultProviderRequest { Entity = value, ProviderId = provider }).ResponseAsync,
            () => p.SetDefaultProviderAsync(new SetDefaultProviderRequest { Entity = s, ProviderId = value }).ResponseAsync,
            () => fx.Audit.ListAuditRecordsAsync(new ListAuditRecordsRequest { Entity = value }).ResponseAsync,
            () => fx.Audit.ListAuditRecordsAsync(new ListAuditRecordsRequest { Actor = value }).ResponseAsync,
            () => fx.Audit.ListAuditRecordsAsync(new ListAuditRecordsRequest { PageToken = value }).ResponseAsync,
        ]);
    }

    private async Task<(string Supplier, string Customer, string Provider)> PartiesAsync()
    {
        var (supplier, _) = await fx.SenderAsync();
        var (customer, _, provider) = await fx.RecipientAsync();
        return (supplier.ToString(), customer.ToString(), provider);
    }

    private async Task AssertClearAndNothingWrittenAsync(Func<Task>[] calls)
    {
        var before = await CountsAsync();
        for (var i = 0; i < calls.Length; i++)
        {
            var status = await StatusOfAsync(calls[i]);
            Assert.True(Clear.Contains(status.StatusCode), $"call {i} answered {status.StatusCode} ({Shorten(status.Detail)}) to a hostile value");
            Assert.DoesNotContain("Exception", status.Detail, StringComparison.Ordinal);
            Assert.True(status.Detail.Length <= MaxMessageLength, $"call {i} answered a {status.Detail.Length}-character message: {Shorten(status.Detail)}");
        }
        Assert.Equal(before, await CountsAsync());
    }

    private static string Shorten(string s) => s.Length > 200 ? s[..200] + "…" : s;

    private static async Task<Status> StatusOfAsync(Func<Task> call)
    {
        try
        {
            await call();
            return Status.DefaultSuccess;
        }
        catch (RpcException e)
        {
            return e.Status;
        }
    }

    private async Task<string> CountsAsync()
    {
        string[] tables =
        [
            "entity", "entity_identifier", "contact", "service_provider", "provider_registration", "consent", "supplier_approval",
            "customer_entry", "customer_number", "routing_activation", "admin_audit",
        ];
        await using var cmd = fx.Database.DataSource.CreateCommand(
            "SELECT " + string.Join(" || ',' || ", tables.Select(t => $"(SELECT count(*) FROM {t})::text")));
        return (string)(await cmd.ExecuteScalarAsync())!;
    }
}
