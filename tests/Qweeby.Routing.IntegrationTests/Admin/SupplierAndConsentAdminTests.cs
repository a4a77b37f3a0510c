using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Data.Admin;
using ActivationState = Qweeby.Routing.Contracts.Admin.V1.ActivationState;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Admin;

public sealed class SupplierAndConsentAdminTests(AdminFixture fixture) : IClassFixture<AdminFixture>
{
    private DirectoryAdmin.DirectoryAdminClient Admin => fixture.Directory;

    [Fact]
    public async Task A_refused_send_attempt_waits_in_the_receivers_pending_list_until_approved()
    {
        var (supplier, supplierSiret) = await fixture.SenderAsync("Waiting Supplier");
        var (receiver, receiverSiret, _) = await fixture.RecipientAsync();
        await Admin.SetSupplierDirectoryModeAsync(new SetDirectoryModeRequest { Entity = receiverSiret, Mode = DirectoryMode.Closed });
        var exchange = fixture.Admin.Services.GetRequiredService<SupplierDirectoryStore>();

        Assert.True(await exchange.RecordAttemptAsync(receiver, supplier, TestContext.Current.CancellationToken));
        Assert.False(await exchange.RecordAttemptAsync(receiver, supplier, TestContext.Current.CancellationToken));
        var pending = Assert.Single((await Admin.ListPendingSuppliersAsync(new ListPendingSuppliersRequest { Receiver = receiverSiret })).Suppliers);

        Assert.Equal(supplier.ToString(), pending.SupplierId);
        Assert.Equal("Waiting Supplier", pending.SupplierName);
        Assert.Equal(2, pending.Attempts);
        Assert.Equal("exchange", pending.RequestedBy);
        Assert.Equal("SUPPLIER_NOT_APPROVED", await fixture.RefusalOfResolveAsync(supplierSiret, receiverSiret));

        var approved = await Admin.ApproveSupplierAsync(new SupplierDecisionRequest { Receiver = receiverSiret, Supplier = supplierSiret });

        Assert.Equal("approved", approved.State);
        Assert.Equal(fixture.PlatformAdministratorId, approved.DecidedBy);
        Assert.Empty((await Admin.ListPendingSuppliersAsync(new ListPendingSuppliersRequest { Receiver = receiverSiret })).Suppliers);
        await Eventually.True(async () => await fixture.RefusalOfResolveAsync(supplierSiret, receiverSiret) is null, TimeSpan.FromSeconds(2), "the approval");

        Assert.Equal("revoked", (await Admin.RevokeSupplierAsync(new SupplierDecisionRequest { Receiver = receiverSiret, Supplier = supplierSiret })).State);
        await Eventually.True(async () => await fixture.RefusalOfResolveAsync(supplierSiret, receiverSiret) == "SUPPLIER_NOT_APPROVED",
            TimeSpan.FromSeconds(2), "the revocation");
    }

    [Fact]
    public async Task A_supplier_asking_for_approval_waits_as_pending_and_cannot_approve_itself()
    {
        var (supplier, supplierSiret) = await fixture.SenderAsync("Asking Supplier");
        var (_, receiverSiret, _) = await fixture.RecipientAsync();
        var (invoker, callerId) = await fixture.AccountAdministratorAsync(supplier);
        var client = new DirectoryAdmin.DirectoryAdminClient(invoker);
        var pair = new SupplierDecisionRequest { Receiver = receiverSiret, Supplier = supplierSiret };

        var asked = await client.RequestApprovalAsync(pair);
        await Refusal.AssertAsync(StatusCode.PermissionDenied, "ENTITY_OUT_OF_SCOPE", () => client.ApproveSupplierAsync(pair).ResponseAsync);
        await Admin.RevokeSupplierAsync(pair);
        var askedAgain = await client.RequestApprovalAsync(pair);

        Assert.Equal("pending", asked.State);
        Assert.Equal(callerId, asked.RequestedBy);
        Assert.Equal("revoked", askedAgain.State); // the receiver decided: asking again does not undo it
        Assert.Empty((await Admin.ListPendingSuppliersAsync(new ListPendingSuppliersRequest { Receiver = receiverSiret })).Suppliers);
    }

    [Fact]
    public async Task Consent_requested_by_the_supplier_is_decided_by_the_customers_administrator_only()
    {
        var (supplier, supplierSiret) = await fixture.SenderAsync();
        var (customer, customerSiret, _) = await fixture.RecipientAsync();
        var (supplierAdmin, _) = await fixture.AccountAdministratorAsync(supplier);
        var (customerAdmin, _) = await fixture.AccountAdministratorAsync(customer);
        var decision = new DecideConsentRequest { Supplier = supplierSiret, Customer = customerSiret, Decision = ConsentDecision.Accept };

        var requested = await new DirectoryAdmin.DirectoryAdminClient(supplierAdmin).RequestConsentAsync(new ConsentPair { Supplier = supplierSiret, Customer = customerSiret });

        Assert.Equal("pending", requested.State);
        await Eventually.True(async () => await fixture.RefusalOfResolveAsync(supplierSiret, customerSiret) == "CONSENT_PENDING", TimeSpan.FromSeconds(2), "pending consent");
        await Refusal.AssertAsync(StatusCode.PermissionDenied, "ENTITY_OUT_OF_SCOPE",
            () => new DirectoryAdmin.DirectoryAdminClient(supplierAdmin).DecideConsentAsync(decision).ResponseAsync);
        Assert.Equal("accepted", (await new DirectoryAdmin.DirectoryAdminClient(customerAdmin).DecideConsentAsync(decision)).State);
        await Eventually.True(async () => await fixture.RefusalOfResolveAsync(supplierSiret, customerSiret) is null, TimeSpan.FromSeconds(2), "accepted consent");
    }

    [Fact]
    public async Task A_refused_consent_can_be_requested_again_and_an_unrequested_one_cannot_be_decided()
    {
        var (_, supplierSiret) = await fixture.SenderAsync();
        var (_, customerSiret, _) = await fixture.RecipientAsync();
        var pair = new ConsentPair { Supplier = supplierSiret, Customer = customerSiret };

        var unrequested = await RpcAssert.FailsAsync(StatusCode.NotFound, () => Admin.DecideConsentAsync(
            new DecideConsentRequest { Supplier = supplierSiret, Customer = customerSiret, Decision = ConsentDecision.Refuse }).ResponseAsync);
        await Admin.RequestConsentAsync(pair);
        await Admin.DecideConsentAsync(new DecideConsentRequest { Supplier = supplierSiret, Customer = customerSiret, Decision = ConsentDecision.Refuse });
        await Eventually.True(async () => await fixture.RefusalOfResolveAsync(supplierSiret, customerSiret) == "CONSENT_REFUSED", TimeSpan.FromSeconds(2), "refused");
        var renewed = await Admin.RequestConsentAsync(pair);

        Assert.Equal("CONSENT_NOT_FOUND", unrequested.Reason());
        Assert.Equal("pending", renewed.State);
        var missingDecision = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => Admin.DecideConsentAsync(new DecideConsentRequest { Supplier = supplierSiret, Customer = customerSiret }).ResponseAsync);
        Assert.Equal("decision", Assert.Single(missingDecision.Violations()).Field);
    }

    [Fact]
    public async Task Routing_activation_moves_from_requested_to_accepted_to_active_and_never_skips_a_step()
    {
        var (supplier, supplierSiret) = await fixture.SenderAsync();
        var (_, customerSiret, provider) = await fixture.RecipientAsync();
        var (supplierAdmin, _) = await fixture.AccountAdministratorAsync(supplier);
        var supplierClient = new DirectoryAdmin.DirectoryAdminClient(supplierAdmin);
        AdvanceActivationRequest To(ActivationState state) => new() { Supplier = supplierSiret, Customer = customerSiret, State = state };

        var elsewhere = await fixture.Seed.ProviderAsync();
        var notRegistered = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => supplierClient.RequestActivationAsync(
            new RequestActivationRequest { Supplier = supplierSiret, Customer = customerSiret, ProviderId = elsewhere }).ResponseAsync);
        var requested = await supplierClient.RequestActivationAsync(new RequestActivationRequest { Supplier = supplierSiret, Customer = customerSiret, ProviderId = provider });
        var skipped = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => Admin.AdvanceActivationAsync(To(ActivationState.Active)).ResponseAsync);
        await Refusal.AssertAsync(StatusCode.PermissionDenied, "ROLE_REQUIRED", () => supplierClient.AdvanceActivationAsync(To(ActivationState.Accepted)).ResponseAsync);
        var accepted = await Admin.AdvanceActivationAsync(To(ActivationState.Accepted));
        var active = await Admin.AdvanceActivationAsync(To(ActivationState.Active));

        Assert.Equal("NOT_REGISTERED_AT_PROVIDER", notRegistered.Reason());
        Assert.Equal(ActivationState.Requested, requested.State);
        Assert.Equal("ACTIVATION_OUT_OF_ORDER", skipped.Reason());
        Assert.Equal(ActivationState.Accepted, accepted.State);
        Assert.Equal(ActivationState.Active, active.State);
        Assert.Equal(provider, active.ProviderId);
    }

    [Fact]
    public async Task A_requested_routing_activation_holds_the_route_until_it_is_active()
    {
        var (supplier, supplierSiret) = await fixture.SenderAsync();
        var (_, customerSiret, provider) = await fixture.RecipientAsync();
        var (supplierAdmin, _) = await fixture.AccountAdministratorAsync(supplier);
        AdvanceActivationRequest To(ActivationState state) => new() { Supplier = supplierSiret, Customer = customerSiret, State = state };
        await fixture.ResolveAsync(supplierSiret, customerSiret);

        await new DirectoryAdmin.DirectoryAdminClient(supplierAdmin).RequestActivationAsync(
            new RequestActivationRequest { Supplier = supplierSiret, Customer = customerSiret, ProviderId = provider });
        await Eventually.True(async () => await fixture.RefusalOfResolveAsync(supplierSiret, customerSiret) == "ROUTING_ACTIVATION_PENDING",
            TimeSpan.FromSeconds(2), "the pending activation on the routing host");
        await Admin.AdvanceActivationAsync(To(ActivationState.Accepted));
        Assert.Equal("ROUTING_ACTIVATION_PENDING", await fixture.RefusalOfResolveAsync(supplierSiret, customerSiret));
        await Admin.AdvanceActivationAsync(To(ActivationState.Active));

        await Eventually.True(async () => await fixture.RefusalOfResolveAsync(supplierSiret, customerSiret) is null,
            TimeSpan.FromSeconds(2), "the active route");
    }
}
