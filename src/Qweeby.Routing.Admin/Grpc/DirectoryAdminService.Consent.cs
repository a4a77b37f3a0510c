using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Hosting.Security;

namespace Qweeby.Routing.Admin.Grpc;

/// <summary>Consent (requested by the supplier's administrators, decided by the customer's) and routing activation.</summary>
public sealed partial class DirectoryAdminService
{
    public override async Task<Consent> RequestConsent(ConsentPair request, ServerCallContext context)
    {
        var (supplierId, customerId) = await PairAsync(new RequestFields(), request.Supplier, request.Customer, context);
        return (await AdminErrors.GuardAsync(() => consents.RequestAsync(supplierId, customerId, context.GetCaller().Id, context.CancellationToken))).ToReply();
    }

    /// <summary>The customer decides: its administrators (not the supplier's) may call this.</summary>
    public override async Task<Consent> DecideConsent(DecideConsentRequest request, ServerCallContext context)
    {
        var fields = new RequestFields();
        var supplier = fields.Entity("supplier", request.Supplier);
        var customer = fields.Entity("customer", request.Customer);
        if (request.Decision is not (ConsentDecision.Accept or ConsentDecision.Refuse))
            fields.Add("decision", "REQUIRED", "ACCEPT or REFUSE.");
        fields.ThrowIfInvalid();
        var customerId = await entities.ResolveAdministeredAsync(context, "customer", customer);
        var supplierId = await entities.ResolveAsync("supplier", supplier, context.CancellationToken);
        var accept = request.Decision == ConsentDecision.Accept;
        return (await AdminErrors.GuardAsync(() => consents.DecideAsync(supplierId, customerId, accept, context.GetCaller().Id, context.CancellationToken))).ToReply();
    }

    public override async Task<RoutingActivation> RequestActivation(RequestActivationRequest request, ServerCallContext context)
    {
        var fields = new RequestFields();
        var provider = fields.ProviderId("provider_id", request.ProviderId, required: true);
        var (supplierId, customerId) = await PairAsync(fields, request.Supplier, request.Customer, context);
        return (await AdminErrors.GuardAsync(() => activations.RequestAsync(supplierId, customerId, provider!, context.GetCaller().Id, context.CancellationToken))).ToReply();
    }

    /// <summary>Platform administrators record the other provider's answer.</summary>
    [Authorize(Policy = Policies.PlatformAdministrator)]
    public override async Task<RoutingActivation> AdvanceActivation(AdvanceActivationRequest request, ServerCallContext context)
    {
        var fields = new RequestFields();
        var supplier = fields.Entity("supplier", request.Supplier);
        var customer = fields.Entity("customer", request.Customer);
        Core.Directory.ActivationState? to = request.State switch
        {
            ActivationState.Accepted => Core.Directory.ActivationState.Accepted,
            ActivationState.Active => Core.Directory.ActivationState.Active,
            _ => null,
        };
        if (to is null)
            fields.Add("state", "REQUIRED", "ACCEPTED or ACTIVE.");
        fields.ThrowIfInvalid();
        var supplierId = await entities.ResolveAsync("supplier", supplier, context.CancellationToken);
        var customerId = await entities.ResolveAsync("customer", customer, context.CancellationToken);
        return (await AdminErrors.GuardAsync(() => activations.AdvanceAsync(supplierId, customerId, to!.Value, context.GetCaller().Id, context.CancellationToken))).ToReply();
    }
}
