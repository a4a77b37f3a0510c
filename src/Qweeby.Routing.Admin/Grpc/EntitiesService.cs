using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Data.Admin;
using Qweeby.Routing.Hosting.Security;
using CoreKind = Qweeby.Routing.Core.Directory.EntityKind;

namespace Qweeby.Routing.Admin.Grpc;

/// <summary>
/// Entities and contacts. Creating, deactivating and reactivating: platform administrators (an entity's lifecycle is
/// the platform's). Reading, updating and adding contacts: the entity's account administrators too.
/// </summary>
[Authorize(Policy = Policies.AccountAdministrator)]
public sealed class EntitiesService(EntityResolver entities, EntityStore store, EntityReader reader) : Entities.EntitiesBase
{
    private const int MaxIdentifiers = 20;
    private const int MaxContacts = 20;

    [Authorize(Policy = Policies.PlatformAdministrator)]
    public override async Task<Entity> CreateEntity(CreateEntityRequest request, ServerCallContext context)
    {
        var fields = new RequestFields();
        var kind = fields.Kind("kind", request.Kind, required: true);
        var name = fields.Text("legal_name", request.LegalName, required: true);
        var country = fields.Country("country", request.Country, required: true);
        // A natural person has no business identifier: suppliers find it by their customer numbers.
        if (request.Identifiers.Count == 0 && kind is not CoreKind.NaturalPerson)
            fields.Add("identifiers", "REQUIRED", "Give at least one identifier (SIRET, SIREN, VAT number, GLN or ICD:value); only a NATURAL_PERSON may have none.");
        var ids = fields.Identifiers("identifiers", request.Identifiers, MaxIdentifiers);
        if (request.Receiving && request.Contacts.Count == 0)
            fields.Add("contacts", "REQUIRED", "A receiving entity needs an administrator contact: give at least one contact (the first is the administrator).");
        var contacts = fields.CountWithin("contacts", request.Contacts.Count, MaxContacts, "contacts")
            ? request.Contacts.Select((c, i) => Contact(fields, $"contacts[{i}]", c)).ToList()
            : [];
        var emails = contacts.Where(c => c is not null).GroupBy(c => c!.Email.ToLowerInvariant()).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (emails.Count > 0 && !request.MultiAccount)
            fields.Add("contacts", "DUPLICATE", $"One e-mail belongs to one contact: {string.Join(", ", emails)} appears twice.");
        fields.ThrowIfInvalid();

        var entity = new NewEntity(kind!.Value, name!, country!, ids, contacts.OfType<ContactDraft>().ToList(), request.MultiAccount);
        var caller = context.GetCaller();
        return (await AdminErrors.GuardAsync(() => store.CreateAsync(entity, caller.Id, caller.MayAdminister, context.CancellationToken))).ToReply();
    }

    public override async Task<Entity> GetEntity(EntityRef request, ServerCallContext context)
    {
        var id = await AdministeredAsync(new RequestFields(), request.Entity, context);
        return (await AdminErrors.GuardAsync(() => reader.GetAsync(id, context.CancellationToken))).ToReply();
    }

    public override async Task<Entity> UpdateEntity(UpdateEntityRequest request, ServerCallContext context)
    {
        var fields = new RequestFields();
        var name = request.HasLegalName ? fields.Text("legal_name", request.LegalName, required: true) : null;
        var country = request.HasCountry ? fields.Country("country", request.Country, required: true) : null;
        var kind = fields.Kind("kind", request.Kind, required: false);
        var add = fields.Identifiers("add_identifiers", request.AddIdentifiers, MaxIdentifiers);
        var remove = fields.Identifiers("remove_identifiers", request.RemoveIdentifiers, MaxIdentifiers);
        var id = await AdministeredAsync(fields, request.Entity, context);
        var changes = new EntityChanges(name, kind, country, add, remove);
        var caller = context.GetCaller();
        return (await AdminErrors.GuardAsync(() => store.UpdateAsync(id, changes, caller.Id, caller.MayAdminister, context.CancellationToken))).ToReply();
    }

    [Authorize(Policy = Policies.PlatformAdministrator)]
    public override Task<Entity> DeactivateEntity(EntityRef request, ServerCallContext context) => SetActiveAsync(request, false, context);

    [Authorize(Policy = Policies.PlatformAdministrator)]
    public override Task<Entity> ReactivateEntity(EntityRef request, ServerCallContext context) => SetActiveAsync(request, true, context);

    private async Task<Entity> SetActiveAsync(EntityRef request, bool active, ServerCallContext context)
    {
        var id = await AdministeredAsync(new RequestFields(), request.Entity, context);
        return (await AdminErrors.GuardAsync(() => store.SetActiveAsync(id, active, context.GetCaller().Id, context.CancellationToken))).ToReply();
    }

    public override async Task<Entity> AddContact(AddContactRequest request, ServerCallContext context)
    {
        var fields = new RequestFields();
        var contact = request.Contact is null ? null : Contact(fields, "contact", request.Contact);
        if (request.Contact is null)
            fields.Add("contact", "REQUIRED", "Give the contact's last name and e-mail.");
        var id = await AdministeredAsync(fields, request.Entity, context);
        var caller = context.GetCaller();
        return (await AdminErrors.GuardAsync(() =>
            store.AddContactAsync(id, contact!, request.MultiAccount, caller.Id, caller.MayAdminister, context.CancellationToken))).ToReply();
    }

    private async Task<Guid> AdministeredAsync(RequestFields fields, string text, ServerCallContext context)
    {
        var reference = fields.Entity("entity", text);
        fields.ThrowIfInvalid();
        return await entities.ResolveAdministeredAsync(context, "entity", reference);
    }

    private static ContactDraft? Contact(RequestFields fields, string field, NewContact contact)
    {
        var last = fields.Text($"{field}.last_name", contact.LastName, required: true);
        var first = fields.Text($"{field}.first_name", contact.FirstName, required: false);
        var email = fields.Email($"{field}.email", contact.Email);
        bool? administrator = contact.Role switch { ContactRole.Administrator => true, ContactRole.Member => false, _ => null };
        if (administrator is null && contact.Role != ContactRole.Unspecified)
            fields.Add($"{field}.role", "OUT_OF_RANGE", $"Unknown role {(int)contact.Role}: ADMINISTRATOR, MEMBER, or leave it unset.");
        return last is null || email is null ? null : new ContactDraft(last, first ?? "", email, administrator);
    }
}
