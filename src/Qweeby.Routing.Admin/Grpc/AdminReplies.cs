using Google.Protobuf.WellKnownTypes;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Core.Directory;
using Qweeby.Routing.Data.Admin;
using Qweeby.Routing.Data.Directory;
using Mode = Qweeby.Routing.Contracts.Admin.V1.DirectoryMode;

using ServiceProvider = Qweeby.Routing.Contracts.Admin.V1.ServiceProvider;

namespace Qweeby.Routing.Admin.Grpc;

/// <summary>Store records as admin replies.</summary>
public static class AdminReplies
{
    public static EntitySettings ToReply(this EntitySettingsRecord s) => new()
    {
        EntityId = s.EntityId.ToString(),
        LegalName = s.LegalName,
        CustomerDirectory = ToMode(s.CustomerDirectory),
        SupplierDirectory = ToMode(s.SupplierDirectory),
        UpdatedAt = Timestamp.FromDateTimeOffset(s.UpdatedAt),
    };

    public static SupplierApproval ToReply(this SupplierApprovalRecord a) => new()
    {
        ReceiverId = a.ReceiverId.ToString(),
        SupplierId = a.SupplierId.ToString(),
        SupplierName = a.SupplierName,
        SupplierIdentifiers = { a.SupplierIdentifiers },
        State = DirectoryCodes.Code(a.State),
        RequestedAt = Timestamp.FromDateTimeOffset(a.RequestedAt),
        RequestedBy = a.RequestedBy ?? "",
        Attempts = a.Attempts,
        LastAttemptAt = Time(a.LastAttemptAt),
        DecidedAt = Time(a.DecidedAt),
        DecidedBy = a.DecidedBy ?? "",
    };

    public static CustomerEntry ToReply(this CustomerEntryRecord e) => new()
    {
        EntryId = e.EntryId.ToString(),
        SupplierId = e.SupplierId.ToString(),
        CustomerId = e.CustomerId.ToString(),
        CustomerName = e.CustomerName,
        CustomerIdentifiers = { e.CustomerIdentifiers },
        Active = e.Active,
        CustomerNumbers = { e.CustomerNumbers },
        PinnedProviderId = e.PinnedProviderId ?? "",
        CreatedAt = Timestamp.FromDateTimeOffset(e.CreatedAt),
        UpdatedAt = Timestamp.FromDateTimeOffset(e.UpdatedAt),
    };

    public static Consent ToReply(this ConsentRecord c) => new()
    {
        SupplierId = c.SupplierId.ToString(),
        CustomerId = c.CustomerId.ToString(),
        State = DirectoryCodes.Code(c.State),
        RequestedAt = Timestamp.FromDateTimeOffset(c.RequestedAt),
        DecidedAt = Time(c.DecidedAt),
    };

    public static RoutingActivation ToReply(this ActivationRecord a) => new()
    {
        SupplierId = a.SupplierId.ToString(),
        CustomerId = a.CustomerId.ToString(),
        ProviderId = a.ProviderId,
        State = a.State switch
        {
            Core.Directory.ActivationState.Requested => Contracts.Admin.V1.ActivationState.Requested,
            Core.Directory.ActivationState.Accepted => Contracts.Admin.V1.ActivationState.Accepted,
            _ => Contracts.Admin.V1.ActivationState.Active,
        },
        RequestedAt = Timestamp.FromDateTimeOffset(a.RequestedAt),
        UpdatedAt = Timestamp.FromDateTimeOffset(a.UpdatedAt),
    };

    public static Entity ToReply(this EntityRecord e) => new()
    {
        EntityId = e.EntityId.ToString(),
        Kind = e.Kind switch
        {
            Core.Directory.EntityKind.Company => Contracts.Admin.V1.EntityKind.Company,
            Core.Directory.EntityKind.Association => Contracts.Admin.V1.EntityKind.Association,
            _ => Contracts.Admin.V1.EntityKind.NaturalPerson,
        },
        LegalName = e.LegalName,
        Country = e.Country,
        Active = e.Active,
        MultiAccount = e.MultiAccount,
        Identifiers = { e.Identifiers },
        Contacts =
        {
            e.Contacts.Select(c => new Contact
            {
                ContactId = c.ContactId.ToString(), LastName = c.LastName, FirstName = c.FirstName, Email = c.Email,
                Role = c.IsAdministrator ? ContactRole.Administrator : ContactRole.Member, Active = c.Active, MultiAccount = c.MultiAccount,
            }),
        },
        CustomerDirectory = ToMode(e.CustomerDirectory),
        SupplierDirectory = ToMode(e.SupplierDirectory),
        Registrations =
        {
            e.Registrations.Select(r => new Contracts.Admin.V1.ProviderRegistration { ProviderId = r.ProviderId, DocumentTypes = { r.DocumentTypes }, IsDefault = r.IsDefault }),
        },
        CreatedAt = Timestamp.FromDateTimeOffset(e.CreatedAt),
        UpdatedAt = Timestamp.FromDateTimeOffset(e.UpdatedAt),
    };

    public static ServiceProvider ToReply(this ProviderRecord p) => new()
    {
        ProviderId = p.ProviderId,
        Name = p.Name,
        Endpoint = p.Endpoint,
        Channel = DirectoryCodes.Code(p.Channel),
        Active = p.Active,
        ClientCertSha256 = p.ClientCertSha256 ?? "",
        ClientCertSubject = p.ClientCertSubject ?? "",
        CreatedAt = Timestamp.FromDateTimeOffset(p.CreatedAt),
        UpdatedAt = Timestamp.FromDateTimeOffset(p.UpdatedAt),
    };

    public static Contracts.Admin.V1.AuditRecord ToReply(this Data.Admin.AuditRecord a) => new()
    {
        AuditId = a.AuditId,
        OccurredAt = Timestamp.FromDateTimeOffset(a.OccurredAt),
        Actor = a.Actor,
        Action = a.Action,
        EntityId = a.EntityId?.ToString() ?? "",
        Subject = a.Subject,
        BeforeJson = a.Before ?? "",
        AfterJson = a.After ?? "",
    };

    public static ImportEntitiesReply ToReply(this EntityImportReport r) => new()
    {
        Rows = r.Rows,
        Created = r.Created,
        Rejected =
        {
            r.Rejected.Select(x => new ImportRejection
            {
                Row = x.Row, Field = x.Field, Reason = x.Reason, Description = x.Description, HolderEntityId = x.HolderEntityId?.ToString() ?? "",
            }),
        },
        RejectedCount = r.RejectedCount,
    };

    private static Mode ToMode(Core.Directory.DirectoryMode mode) => mode == Core.Directory.DirectoryMode.Closed ? Mode.Closed : Mode.Open;

    private static Timestamp? Time(DateTimeOffset? at) => at is { } t ? Timestamp.FromDateTimeOffset(t) : null;
}
