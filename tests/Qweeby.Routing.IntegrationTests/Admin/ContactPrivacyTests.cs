using System.Text;
using Google.Rpc;
using Grpc.Core;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Admin;

/// <summary>An e-mail is one contact's: a taken one is refused, naming the entity that holds it only to whoever administers that entity.</summary>
public sealed class ContactPrivacyTests(AdminFixture fixture) : IClassFixture<AdminFixture>
{
    private static NewContact Contact(string email) => new() { LastName = "Durand", FirstName = "Léa", Email = email };

    private static string Email() => $"{Guid.NewGuid():N}@example.test";

    [Fact]
    public async Task An_account_administrator_adding_another_tenants_email_is_refused_without_learning_which_entity_holds_it()
    {
        var (holder, email) = await HolderAsync();
        var (mine, _) = await fixture.SenderAsync("Mine SAS");
        var (invoker, _) = await fixture.AccountAdministratorAsync(mine);

        var taken = await RpcAssert.FailsAsync(StatusCode.AlreadyExists, () => new Entities.EntitiesClient(invoker).AddContactAsync(
            new AddContactRequest { Entity = mine.ToString(), Contact = Contact(email.ToUpperInvariant()) }).ResponseAsync);

        Assert.Equal("EMAIL_TAKEN", taken.Reason());
        Assert.Contains("an entity you do not administer", taken.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("holder_entity_id", ErrorInfo(taken).Metadata.Keys);
        AssertNowhere(holder, taken);
        Assert.Single((await fixture.Entities.GetEntityAsync(new EntityRef { Entity = mine.ToString() })).Contacts);
    }

    [Fact]
    public async Task An_account_administrator_of_the_holder_too_is_told_which_entity_holds_the_email()
    {
        var (holder, email) = await HolderAsync();
        var (mine, _) = await fixture.SenderAsync("Mine Too SAS");
        var (invoker, _) = await fixture.AccountAdministratorAsync(mine, holder);

        var taken = await RpcAssert.FailsAsync(StatusCode.AlreadyExists, () => new Entities.EntitiesClient(invoker).AddContactAsync(
            new AddContactRequest { Entity = mine.ToString(), Contact = Contact(email) }).ResponseAsync);

        Assert.Equal("EMAIL_TAKEN", taken.Reason());
        Assert.Equal(holder.ToString(), ErrorInfo(taken).Metadata["holder_entity_id"]);
    }

    [Fact]
    public async Task A_platform_administrator_is_told_which_entity_holds_the_email_on_adding_a_contact_or_creating_an_entity()
    {
        var (holder, email) = await HolderAsync();
        var (other, _) = await fixture.SenderAsync("Other SAS");

        var added = await RpcAssert.FailsAsync(StatusCode.AlreadyExists, () => fixture.Entities.AddContactAsync(
            new AddContactRequest { Entity = other.ToString(), Contact = Contact(email) }).ResponseAsync);
        var created = await RpcAssert.FailsAsync(StatusCode.AlreadyExists, () => fixture.Entities.CreateEntityAsync(new CreateEntityRequest
        {
            Kind = EntityKind.Company, LegalName = "Copycat", Country = "FR", Identifiers = { TestIds.Siret(TestIds.Siren()) }, Contacts = { Contact(email) },
        }).ResponseAsync);

        foreach (var taken in new[] { added, created })
        {
            Assert.Equal("EMAIL_TAKEN", taken.Reason());
            Assert.Equal(holder.ToString(), ErrorInfo(taken).Metadata["holder_entity_id"]);
            Assert.Contains(holder.ToString(), taken.Status.Detail, StringComparison.Ordinal);
        }
    }

    /// <summary>An entity whose administrator contact has a fresh e-mail, created by the platform administrator.</summary>
    private async Task<(Guid Id, string Email)> HolderAsync()
    {
        var email = Email();
        var holder = await fixture.Entities.CreateEntityAsync(new CreateEntityRequest
        {
            Kind = EntityKind.Company, LegalName = "Holder SA", Country = "FR", Identifiers = { TestIds.Siret(TestIds.Siren()) }, Contacts = { Contact(email) },
        });
        return (Guid.Parse(holder.EntityId), email);
    }

    private static ErrorInfo ErrorInfo(RpcException failure) => failure.GetRpcStatus()!.GetDetail<ErrorInfo>()!;

    /// <summary>Not in the message, any ErrorInfo metadata, nor any trailer (the binary status details included).</summary>
    private static void AssertNowhere(Guid entity, RpcException failure)
    {
        var id = entity.ToString();
        Assert.DoesNotContain(id, failure.Status.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(ErrorInfo(failure).Metadata.Values, v => v.Contains(id, StringComparison.OrdinalIgnoreCase));
        foreach (var trailer in failure.Trailers)
        {
            var text = trailer.IsBinary ? Encoding.UTF8.GetString(trailer.ValueBytes) : trailer.Value;
            Assert.DoesNotContain(id, text, StringComparison.OrdinalIgnoreCase);
        }
    }
}
