using Grpc.Core;
using Qweeby.Routing.Contracts.Admin.V1;

namespace Qweeby.Routing.IntegrationTests.Security;

/// <summary>
/// The access matrix rows of the admin host's directory administration: account administrators act on their
/// entities (entity A here, unknown to the directory: NOT_FOUND counts as allowed), platform administrators on all;
/// providers, imports, entity lifecycle and activation progress are for platform administrators only.
/// </summary>
public static class AdminAccessRules
{
    private static readonly HashSet<Persona> Administrators = [Persona.AccountAdministrator, Persona.PlatformAdministrator];
    private static readonly HashSet<Persona> Platform = [Persona.PlatformAdministrator];

    private static DirectoryAdmin.DirectoryAdminClient Directory(CallInvoker i) => new(i);
    private static Entities.EntitiesClient Entities(CallInvoker i) => new(i);
    private static ServiceProviders.ServiceProvidersClient Providers(CallInvoker i) => new(i);

    private static string A(AccessContext c) => c.EntityA.ToString();

    public static IReadOnlyList<AccessRule> Rules { get; } =
    [
        Admin("DirectoryAdmin/GetSettings", Administrators, async (i, c) => await Directory(i).GetSettingsAsync(new() { Entity = A(c) }, cancellationToken: c.Ct)),
        Admin("DirectoryAdmin/SetCustomerDirectoryMode", Administrators, async (i, c) => await Directory(i).SetCustomerDirectoryModeAsync(new() { Entity = A(c), Mode = DirectoryMode.Closed }, cancellationToken: c.Ct)),
        Admin("DirectoryAdmin/SetSupplierDirectoryMode", Administrators, async (i, c) => await Directory(i).SetSupplierDirectoryModeAsync(new() { Entity = A(c), Mode = DirectoryMode.Closed }, cancellationToken: c.Ct)),
        Admin("DirectoryAdmin/ListPendingSuppliers", Administrators, async (i, c) => await Directory(i).ListPendingSuppliersAsync(new() { Receiver = A(c) }, cancellationToken: c.Ct)),
        Admin("DirectoryAdmin/RequestApproval", Administrators, async (i, c) => await Directory(i).RequestApprovalAsync(new() { Receiver = A(c), Supplier = A(c) }, cancellationToken: c.Ct)),
        Admin("DirectoryAdmin/ApproveSupplier", Administrators, async (i, c) => await Directory(i).ApproveSupplierAsync(new() { Receiver = A(c), Supplier = A(c) }, cancellationToken: c.Ct)),
        Admin("DirectoryAdmin/RevokeSupplier", Administrators, async (i, c) => await Directory(i).RevokeSupplierAsync(new() { Receiver = A(c), Supplier = A(c) }, cancellationToken: c.Ct)),
        Admin("DirectoryAdmin/AddCustomer", Administrators, async (i, c) => await Directory(i).AddCustomerAsync(new() { Supplier = A(c), Customer = "732829320" }, cancellationToken: c.Ct)),
        Admin("DirectoryAdmin/SetCustomerNumbers", Administrators, async (i, c) => await Directory(i).SetCustomerNumbersAsync(new() { Supplier = A(c), Customer = A(c) }, cancellationToken: c.Ct)),
        Admin("DirectoryAdmin/PinProvider", Administrators, async (i, c) => await Directory(i).PinProviderAsync(new() { Supplier = A(c), Customer = A(c) }, cancellationToken: c.Ct)),
        Admin("DirectoryAdmin/DeactivateCustomer", Administrators, async (i, c) => await Directory(i).DeactivateCustomerAsync(new() { Supplier = A(c), Customer = A(c) }, cancellationToken: c.Ct)),
        Admin("DirectoryAdmin/ReactivateCustomer", Administrators, async (i, c) => await Directory(i).ReactivateCustomerAsync(new() { Supplier = A(c), Customer = A(c) }, cancellationToken: c.Ct)),
        Admin("DirectoryAdmin/DeleteCustomer", Administrators, async (i, c) => await Directory(i).DeleteCustomerAsync(new() { Supplier = A(c), Customer = A(c) }, cancellationToken: c.Ct)),
        Admin("DirectoryAdmin/ListCustomers", Administrators, async (i, c) => await Directory(i).ListCustomersAsync(new() { Supplier = A(c) }, cancellationToken: c.Ct)),
        Admin("DirectoryAdmin/RequestConsent", Administrators, async (i, c) => await Directory(i).RequestConsentAsync(new() { Supplier = A(c), Customer = A(c) }, cancellationToken: c.Ct)),
        Admin("DirectoryAdmin/DecideConsent", Administrators, async (i, c) => await Directory(i).DecideConsentAsync(
            new() { Supplier = A(c), Customer = A(c), Decision = ConsentDecision.Accept }, cancellationToken: c.Ct)),
        Admin("DirectoryAdmin/RequestActivation", Administrators, async (i, c) => await Directory(i).RequestActivationAsync(
            new() { Supplier = A(c), Customer = A(c), ProviderId = "partner-ap" }, cancellationToken: c.Ct)),
        Admin("DirectoryAdmin/AdvanceActivation", Platform, async (i, c) => await Directory(i).AdvanceActivationAsync(
            new() { Supplier = A(c), Customer = A(c), State = ActivationState.Accepted }, cancellationToken: c.Ct)),

        Admin("Entities/CreateEntity", Platform, async (i, c) => await Entities(i).CreateEntityAsync(new() { LegalName = "x" }, cancellationToken: c.Ct)),
        Admin("Entities/GetEntity", Administrators, async (i, c) => await Entities(i).GetEntityAsync(new() { Entity = A(c) }, cancellationToken: c.Ct)),
        Admin("Entities/UpdateEntity", Administrators, async (i, c) => await Entities(i).UpdateEntityAsync(new() { Entity = A(c), LegalName = "x" }, cancellationToken: c.Ct)),
        Admin("Entities/DeactivateEntity", Platform, async (i, c) => await Entities(i).DeactivateEntityAsync(new() { Entity = A(c) }, cancellationToken: c.Ct)),
        Admin("Entities/ReactivateEntity", Platform, async (i, c) => await Entities(i).ReactivateEntityAsync(new() { Entity = A(c) }, cancellationToken: c.Ct)),
        Admin("Entities/AddContact", Administrators, async (i, c) => await Entities(i).AddContactAsync(
            new() { Entity = A(c), Contact = new NewContact { LastName = "x", Email = "x@example.test" } }, cancellationToken: c.Ct)),

        Admin("ServiceProviders/RegisterProvider", Platform, async (i, c) => await Providers(i).RegisterProviderAsync(new() { ProviderId = "x" }, cancellationToken: c.Ct)),
        Admin("ServiceProviders/UpdateProvider", Platform, async (i, c) => await Providers(i).UpdateProviderAsync(new() { ProviderId = "no-such-provider" }, cancellationToken: c.Ct)),
        Admin("ServiceProviders/SuspendProvider", Platform, async (i, c) => await Providers(i).SuspendProviderAsync(new() { ProviderId = "no-such-provider" }, cancellationToken: c.Ct)),
        Admin("ServiceProviders/ReactivateProvider", Platform, async (i, c) => await Providers(i).ReactivateProviderAsync(new() { ProviderId = "no-such-provider" }, cancellationToken: c.Ct)),
        Admin("ServiceProviders/ListProviders", Platform, async (i, c) => await Providers(i).ListProvidersAsync(new(), cancellationToken: c.Ct)),
        Admin("ServiceProviders/RegisterEntity", Platform, async (i, c) => await Providers(i).RegisterEntityAsync(new() { Entity = A(c), ProviderId = "partner-ap" }, cancellationToken: c.Ct)),
        Admin("ServiceProviders/SetDefaultProvider", Administrators, async (i, c) => await Providers(i).SetDefaultProviderAsync(new() { Entity = A(c), ProviderId = "partner-ap" }, cancellationToken: c.Ct)),

        Admin("DirectoryImport/ImportEntities", Platform, ImportAsync),
        Admin("Audit/ListAuditRecords", Administrators, async (i, c) => await new Audit.AuditClient(i).ListAuditRecordsAsync(new() { Entity = A(c) }, cancellationToken: c.Ct)),
    ];

    private static AccessRule Admin(string method, IReadOnlySet<Persona> allowed, Func<CallInvoker, AccessContext, Task> invoke) =>
        new($"qweeby.routing.admin.v1.{method}", HostKind.Admin, allowed, invoke);

    private static async Task ImportAsync(CallInvoker invoker, AccessContext c)
    {
        using var call = new DirectoryImport.DirectoryImportClient(invoker).ImportEntities(cancellationToken: c.Ct);
        try
        {
            await call.RequestStream.WriteAsync(new ImportEntitiesChunk { Options = new ImportOptions() }, c.Ct);
            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // A refused call can end before the request is written; its real status comes with the response.
        }
        await call;
    }
}
