using Grpc.Core;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Admin;

public sealed class EntityAdminTests(AdminFixture fixture) : IClassFixture<AdminFixture>
{
    private Entities.EntitiesClient Admin => fixture.Entities;

    private static NewContact Contact(string email, ContactRole role = ContactRole.Unspecified) => new() { LastName = "Durand", FirstName = "Léa", Email = email, Role = role };

    private static string Email() => $"{Guid.NewGuid():N}@example.test";

    [Fact]
    public async Task A_receiving_entity_is_created_with_its_first_contact_as_administrator()
    {
        var siren = TestIds.Siren();

        var entity = await Admin.CreateEntityAsync(new CreateEntityRequest
        {
            Kind = EntityKind.Company, LegalName = "Nouvelle Société", Country = "fr", Identifiers = { TestIds.Siret(siren), $"FR {TestIds.Vat(siren)[2..]}" },
            Contacts = { Contact(Email(), ContactRole.Member), Contact(Email()) }, Receiving = true,
        });

        Assert.Equal("FR", entity.Country);
        Assert.Equal([$"0009:{TestIds.Siret(siren)}", $"9957:{TestIds.Vat(siren)}"], entity.Identifiers);
        Assert.Equal([ContactRole.Administrator, ContactRole.Member], entity.Contacts.Select(c => c.Role));
        var audit = await fixture.Audit.ListAuditRecordsAsync(new ListAuditRecordsRequest { Entity = entity.EntityId });
        Assert.Equal("entity.create", Assert.Single(audit.Records).Action);
        Assert.Equal("", audit.Records[0].BeforeJson);
        Assert.Contains("Nouvelle Société", audit.Records[0].AfterJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_rule_a_creation_breaks_is_reported_at_once()
    {
        var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Admin.CreateEntityAsync(new CreateEntityRequest
        {
            LegalName = "", Country = "France", Identifiers = { "732829321" }, Receiving = true,
        }).ResponseAsync);

        Assert.Equal(["contacts:REQUIRED", "country:TOO_LONG", "identifiers[0]:CHECK_DIGIT", "kind:REQUIRED", "legal_name:REQUIRED"],
            failure.Violations().Select(v => $"{v.Field}:{v.Reason}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_identifier_or_an_email_already_held_is_a_conflict_naming_the_holder()
    {
        var siren = TestIds.Siren();
        var email = Email();
        var holder = await Admin.CreateEntityAsync(new CreateEntityRequest
        {
            Kind = EntityKind.Company, LegalName = "Holder", Country = "FR", Identifiers = { siren }, Contacts = { Contact(email) },
        });

        var byVat = await RpcAssert.FailsAsync(StatusCode.AlreadyExists, () => Admin.CreateEntityAsync(new CreateEntityRequest
        {
            Kind = EntityKind.Company, LegalName = "Copy", Country = "FR", Identifiers = { TestIds.Vat(siren) },
        }).ResponseAsync);
        var byEmail = await RpcAssert.FailsAsync(StatusCode.AlreadyExists, () => Admin.CreateEntityAsync(new CreateEntityRequest
        {
            Kind = EntityKind.Company, LegalName = "Other", Country = "FR", Identifiers = { TestIds.Siret(TestIds.Siren()) }, Contacts = { Contact(email.ToUpperInvariant()) },
        }).ResponseAsync);
        var shared = await Admin.CreateEntityAsync(new CreateEntityRequest
        {
            Kind = EntityKind.Company, LegalName = "Client of an accountant", Country = "FR", Identifiers = { TestIds.Siret(TestIds.Siren()) },
            Contacts = { Contact(email) }, MultiAccount = true,
        });

        Assert.Equal("IDENTIFIER_TAKEN", byVat.Reason());
        Assert.Contains(holder.EntityId, byVat.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("EMAIL_TAKEN", byEmail.Reason());
        Assert.True(shared.MultiAccount);
    }

    [Fact]
    public async Task Deactivation_makes_the_entity_non_existent_for_routing_and_reactivation_brings_it_back()
    {
        var (id, siret, _) = await fixture.RecipientAsync();
        await fixture.ResolveAsync("", siret);

        var deactivated = await Admin.DeactivateEntityAsync(new EntityRef { Entity = siret });

        Assert.False(deactivated.Active);
        await Eventually.True(async () => await fixture.RefusalOfResolveAsync("", siret) == "RECIPIENT_NON_EXISTENT", TimeSpan.FromSeconds(2), "deactivated");
        Assert.True((await Admin.ReactivateEntityAsync(new EntityRef { Entity = id.ToString() })).Active);
        await Eventually.True(async () => await fixture.RefusalOfResolveAsync("", siret) is null, TimeSpan.FromSeconds(2), "reactivated");
    }

    [Fact]
    public async Task An_update_adds_and_removes_identifiers_and_routing_finds_the_new_ones()
    {
        var (id, siret, _) = await fixture.RecipientAsync();
        var newSiret = TestIds.Siret(TestIds.Siren());
        var (invoker, _) = await fixture.AccountAdministratorAsync(id);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => fixture.ResolveAsync("", newSiret));

        var updated = await new Entities.EntitiesClient(invoker).UpdateEntityAsync(new UpdateEntityRequest
        {
            Entity = id.ToString(), LegalName = "Renamed SA", AddIdentifiers = { newSiret }, RemoveIdentifiers = { siret },
        });

        Assert.Equal("Renamed SA", updated.LegalName);
        Assert.Equal([$"0009:{newSiret}"], updated.Identifiers);
        // The routing host hears of the admin host's invalidation through Redis: until then it may still refuse.
        await Eventually.True(async () => await fixture.RefusalOfResolveAsync("", newSiret) is null, TimeSpan.FromSeconds(2), "the new identifier");
        Assert.Equal(id.ToString(), (await fixture.ResolveAsync("", newSiret)).Recipient.EntityId);
        await Eventually.True(async () => await fixture.RefusalOfResolveAsync("", siret) == "RECIPIENT_NOT_FOUND", TimeSpan.FromSeconds(2), "the removed identifier");
        var last = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => Admin.UpdateEntityAsync(
            new UpdateEntityRequest { Entity = id.ToString(), RemoveIdentifiers = { newSiret } }).ResponseAsync);
        Assert.Equal("LAST_IDENTIFIER", last.Reason());
    }

    [Fact]
    public async Task A_first_contact_lets_a_known_entity_receive_and_account_administrators_cannot_create_entities()
    {
        var siret = TestIds.Siret(TestIds.Siren());
        var id = await fixture.Seed.EntityAsync("No Contact Yet", [siret], withAdministrator: false);
        await fixture.Seed.RegisterAsync(id, await fixture.Seed.ProviderAsync());
        Assert.Equal("RECIPIENT_REFUSES_EINVOICING", await fixture.RefusalOfResolveAsync("", siret));
        var (invoker, _) = await fixture.AccountAdministratorAsync(id);
        var client = new Entities.EntitiesClient(invoker);

        var entity = await client.AddContactAsync(new AddContactRequest { Entity = siret, Contact = Contact(Email(), ContactRole.Member) });

        Assert.Equal(ContactRole.Administrator, Assert.Single(entity.Contacts).Role);
        await Eventually.True(async () => await fixture.RefusalOfResolveAsync("", siret) is null, TimeSpan.FromSeconds(2), "the administrator contact");
        await Refusal.AssertAsync(StatusCode.PermissionDenied, "ROLE_REQUIRED", () => client.CreateEntityAsync(new CreateEntityRequest
        {
            Kind = EntityKind.Company, LegalName = "Not Allowed", Country = "FR", Identifiers = { TestIds.Siret(TestIds.Siren()) },
        }).ResponseAsync);
    }
}
