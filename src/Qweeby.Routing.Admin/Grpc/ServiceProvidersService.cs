using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Data.Admin;
using Qweeby.Routing.Hosting.Security;

using ServiceProvider = Qweeby.Routing.Contracts.Admin.V1.ServiceProvider;

namespace Qweeby.Routing.Admin.Grpc;

/// <summary>
/// Service providers and registrations. Platform administrators only (a provider serves many entities, and its
/// certificate authenticates a partner), but for choosing an entity's default provider among its registrations.
/// </summary>
public sealed class ServiceProvidersService(EntityResolver entities, ProviderStore store) : ServiceProviders.ServiceProvidersBase
{
    private const int MaxDocumentTypes = 50;

    [Authorize(Policy = Policies.PlatformAdministrator)]
    public override async Task<ServiceProvider> RegisterProvider(RegisterProviderRequest request, ServerCallContext context)
    {
        var fields = new RequestFields();
        var draft = new ProviderDraft(
            fields.ProviderId("provider_id", request.ProviderId, required: true)!,
            fields.Text("name", request.Name, required: true),
            Endpoint(fields, request.Endpoint, required: true),
            fields.Channel("channel", request.Channel, required: true),
            CertificateHash(fields, request.ClientCertSha256),
            fields.Text("client_cert_subject", request.ClientCertSubject, required: false));
        fields.ThrowIfInvalid();
        return (await AdminErrors.GuardAsync(() => store.RegisterAsync(draft, context.GetCaller().Id, context.CancellationToken))).ToReply();
    }

    [Authorize(Policy = Policies.PlatformAdministrator)]
    public override async Task<ServiceProvider> UpdateProvider(UpdateProviderRequest request, ServerCallContext context)
    {
        var fields = new RequestFields();
        var draft = new ProviderDraft(
            fields.ProviderId("provider_id", request.ProviderId, required: true)!,
            request.HasName ? fields.Text("name", request.Name, required: true) : null,
            request.HasEndpoint ? Endpoint(fields, request.Endpoint, required: true) : null,
            request.HasChannel ? fields.Channel("channel", request.Channel, required: true) : null,
            request.HasClientCertSha256 ? CertificateHash(fields, request.ClientCertSha256) ?? "" : null,
            request.HasClientCertSubject ? fields.Text("client_cert_subject", request.ClientCertSubject, required: false) ?? "" : null);
        fields.ThrowIfInvalid();
        return (await AdminErrors.GuardAsync(() => store.UpdateAsync(draft, context.GetCaller().Id, context.CancellationToken))).ToReply();
    }

    [Authorize(Policy = Policies.PlatformAdministrator)]
    public override Task<ServiceProvider> SuspendProvider(ProviderRef request, ServerCallContext context) => SetActiveAsync(request, false, context);

    [Authorize(Policy = Policies.PlatformAdministrator)]
    public override Task<ServiceProvider> ReactivateProvider(ProviderRef request, ServerCallContext context) => SetActiveAsync(request, true, context);

    private async Task<ServiceProvider> SetActiveAsync(ProviderRef request, bool active, ServerCallContext context)
    {
        var fields = new RequestFields();
        var id = fields.ProviderId("provider_id", request.ProviderId, required: true);
        fields.ThrowIfInvalid();
        return (await AdminErrors.GuardAsync(() => store.SetActiveAsync(id!, active, context.GetCaller().Id, context.CancellationToken))).ToReply();
    }

    [Authorize(Policy = Policies.PlatformAdministrator)]
    public override async Task<ListProvidersReply> ListProviders(ListProvidersRequest request, ServerCallContext context) =>
        new() { Providers = { (await store.ListAsync(context.CancellationToken)).Select(p => p.ToReply()) } };

    [Authorize(Policy = Policies.PlatformAdministrator)]
    public override async Task<Entity> RegisterEntity(RegisterEntityRequest request, ServerCallContext context)
    {
        var fields = new RequestFields();
        var entity = fields.Entity("entity", request.Entity);
        var provider = fields.ProviderId("provider_id", request.ProviderId, required: true);
        var types = fields.CountWithin("document_types", request.DocumentTypes.Count, MaxDocumentTypes, "document types")
            ? request.DocumentTypes.Select((t, i) => fields.Text($"document_types[{i}]", t, required: true)).OfType<string>().Distinct().ToList()
            : [];
        fields.ThrowIfInvalid();
        var id = await entities.ResolveAdministeredAsync(context, "entity", entity);
        return (await AdminErrors.GuardAsync(() => store.RegisterEntityAsync(id, provider!, types, request.IsDefault, context.GetCaller().Id, context.CancellationToken))).ToReply();
    }

    /// <summary>Also the entity's account administrators: choosing among existing registrations.</summary>
    [Authorize(Policy = Policies.AccountAdministrator)]
    public override async Task<Entity> SetDefaultProvider(SetDefaultProviderRequest request, ServerCallContext context)
    {
        var fields = new RequestFields();
        var entity = fields.Entity("entity", request.Entity);
        var provider = fields.ProviderId("provider_id", request.ProviderId, required: true);
        fields.ThrowIfInvalid();
        var id = await entities.ResolveAdministeredAsync(context, "entity", entity);
        return (await AdminErrors.GuardAsync(() => store.SetDefaultAsync(id, provider!, context.GetCaller().Id, context.CancellationToken))).ToReply();
    }

    private static string? Endpoint(RequestFields fields, string value, bool required)
    {
        var text = fields.Text("endpoint", value, required, 500);
        if (text is not null && !(Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto"))
            fields.Add("endpoint", "FORMAT", "An absolute http://, https:// (or mailto: for e-mail channels) address.");
        return text;
    }

    private static string? CertificateHash(RequestFields fields, string value)
    {
        var hash = value.Trim().Replace(":", "", StringComparison.Ordinal).ToLower(CultureInfo.InvariantCulture);
        if (hash.Length == 0)
            return null;
        if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigitLower))
            fields.Add("client_cert_sha256", "FORMAT", "The SHA-256 of the certificate (DER): 64 hex digits, as 'openssl x509 -outform DER | sha256sum' prints.");
        return hash;
    }
}
