using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Data.Admin;
using Qweeby.Routing.Hosting.Options;
using Qweeby.Routing.Hosting.Security;

namespace Qweeby.Routing.Admin.Grpc;

/// <summary>
/// Settings, supplier and customer directories, consent and routing activation (this file: settings and supplier
/// directory). Account administrators of the entity changed, and platform administrators.
/// </summary>
[Authorize(Policy = Policies.AccountAdministrator)]
public sealed partial class DirectoryAdminService(
    EntityResolver entities,
    SettingsStore settings,
    SupplierDirectoryStore suppliers,
    CustomerDirectoryStore customers,
    CustomerEntryReader customerEntries,
    ConsentStore consents,
    ActivationStore activations,
    IOptions<LimitsOptions> limits) : DirectoryAdmin.DirectoryAdminBase
{
    public override async Task<EntitySettings> GetSettings(GetSettingsRequest request, ServerCallContext context)
    {
        var fields = new RequestFields();
        var entity = fields.Entity("entity", request.Entity);
        fields.ThrowIfInvalid();
        var id = await entities.ResolveAdministeredAsync(context, "entity", entity);
        return (await AdminErrors.GuardAsync(() => settings.GetAsync(id, context.CancellationToken))).ToReply();
    }

    public override Task<EntitySettings> SetCustomerDirectoryMode(SetDirectoryModeRequest request, ServerCallContext context) =>
        SetModeAsync(request, DirectorySide.Customer, context);

    public override Task<EntitySettings> SetSupplierDirectoryMode(SetDirectoryModeRequest request, ServerCallContext context) =>
        SetModeAsync(request, DirectorySide.Supplier, context);

    private async Task<EntitySettings> SetModeAsync(SetDirectoryModeRequest request, DirectorySide side, ServerCallContext context)
    {
        var fields = new RequestFields();
        var entity = fields.Entity("entity", request.Entity);
        var mode = fields.Mode("mode", request.Mode);
        fields.ThrowIfInvalid();
        var id = await entities.ResolveAdministeredAsync(context, "entity", entity);
        var record = await AdminErrors.GuardAsync(() => settings.SetModeAsync(id, side, mode!.Value, context.GetCaller().Id, context.CancellationToken));
        return record.ToReply();
    }

    public override async Task<ListPendingSuppliersReply> ListPendingSuppliers(ListPendingSuppliersRequest request, ServerCallContext context)
    {
        var fields = new RequestFields();
        var receiver = fields.Entity("receiver", request.Receiver);
        var size = fields.PageSize("page_size", request.PageSize, limits.Value.MaxPageSize);
        var query = $"pending|{request.Receiver}";
        var offset = PageToken.DecodeOffset(fields, "page_token", request.PageToken, query);
        fields.ThrowIfInvalid();
        var id = await entities.ResolveAdministeredAsync(context, "receiver", receiver);
        var (items, more) = await suppliers.ListPendingAsync(id, offset!.Value, size, context.CancellationToken);
        return new ListPendingSuppliersReply
        {
            Suppliers = { items.Select(a => a.ToReply()) },
            NextPageToken = more ? PageToken.Encode(query, offset.Value + size) : "",
        };
    }

    /// <summary>Asked by the supplier's administrators (the receiver is only looked up).</summary>
    public override async Task<SupplierApproval> RequestApproval(SupplierDecisionRequest request, ServerCallContext context)
    {
        var fields = new RequestFields();
        var receiver = fields.Entity("receiver", request.Receiver);
        var supplier = fields.Entity("supplier", request.Supplier);
        fields.ThrowIfInvalid();
        var supplierId = await entities.ResolveAdministeredAsync(context, "supplier", supplier);
        var receiverId = await entities.ResolveAsync("receiver", receiver, context.CancellationToken);
        var record = await AdminErrors.GuardAsync(() => suppliers.RequestAsync(receiverId, supplierId, context.GetCaller().Id, context.CancellationToken));
        return record.ToReply();
    }

    public override Task<SupplierApproval> ApproveSupplier(SupplierDecisionRequest request, ServerCallContext context) =>
        DecideSupplierAsync(request, approve: true, context);

    public override Task<SupplierApproval> RevokeSupplier(SupplierDecisionRequest request, ServerCallContext context) =>
        DecideSupplierAsync(request, approve: false, context);

    private async Task<SupplierApproval> DecideSupplierAsync(SupplierDecisionRequest request, bool approve, ServerCallContext context)
    {
        var fields = new RequestFields();
        var receiver = fields.Entity("receiver", request.Receiver);
        var supplier = fields.Entity("supplier", request.Supplier);
        fields.ThrowIfInvalid();
        var receiverId = await entities.ResolveAdministeredAsync(context, "receiver", receiver);
        var supplierId = await entities.ResolveAsync("supplier", supplier, context.CancellationToken);
        var record = await AdminErrors.GuardAsync(() => suppliers.DecideAsync(receiverId, supplierId, approve, context.GetCaller().Id, context.CancellationToken));
        return record.ToReply();
    }
}
