using Grpc.Core;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Exchange;

/// <summary>
/// A natural person has no business identifier: its supplier addresses it by customer number. Hosted here, it gets its
/// invoice; hosted at a partner, the partner could not be told whom it is for, so Submit refuses and stores nothing.
/// </summary>
public sealed class NaturalPersonExchangeTests(ExchangeFixture fx) : IClassFixture<ExchangeFixture>
{
    private ExchangePeers Peers => fx.Peers;

    private async Task<Guid> PersonAsync(Guid supplier, string name, string provider, string number)
    {
        var id = Guid.NewGuid();
        var entry = Guid.NewGuid();
        await Peers.SeedA.ExecAsync("INSERT INTO entity (entity_id, kind, legal_name, country) VALUES ($1, 'natural_person', $2, 'FR')", id, name);
        await Peers.SeedA.ExecAsync("INSERT INTO contact (contact_id, entity_id, last_name, email, role) VALUES ($1, $2, $3, $4, 'administrator')",
            Guid.NewGuid(), id, name, $"person-{id:N}@test.example");
        await Peers.SeedA.ExecAsync("INSERT INTO provider_registration (entity_id, provider_id, is_default) VALUES ($1, $2, true)", id, provider);
        await Peers.SeedA.ExecAsync("INSERT INTO customer_entry (entry_id, supplier_id, customer_id) VALUES ($1, $2, $3)", entry, supplier, id);
        await Peers.SeedA.ExecAsync("INSERT INTO customer_number (supplier_id, number, entry_id) VALUES ($1, $2, $3)", supplier, number, entry);
        return id;
    }

    private static SubmitRequest ByNumber(string sender, string number)
    {
        var request = Invoices.Submit(sender, sender);
        request.Envelope.Recipient = new RecipientReference { CustomerNumber = number };
        return request;
    }

    [Fact]
    public async Task A_natural_person_hosted_here_gets_its_invoice_and_one_hosted_at_a_partner_is_refused_with_the_reason()
    {
        var sender = TestIds.Siret(TestIds.Siren());
        var supplier = await Peers.SeedA.CompanyAsync("Person Supplier", sender);
        var here = await PersonAsync(supplier, "Jeanne Martin", ExchangePeers.ProviderA, "P-HERE");
        await PersonAsync(supplier, "Paul Durand", ExchangePeers.ProviderB, "P-THERE");
        var refusedRequest = ByNumber(sender, "P-THERE");

        var accepted = await Peers.ClientA.SubmitAsync(ByNumber(sender, "P-HERE"));
        await Peers.ClientA.ReachesAsync(accepted.TransmissionId, LifecycleCode.MadeAvailable);
        var refused = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => Peers.ClientA.SubmitAsync(refusedRequest).ResponseAsync);

        Assert.Equal(ExchangePeers.ProviderA, accepted.Route.Provider.ProviderId);
        Assert.Equal(1, await Peers.SeedA.CountAsync("SELECT count(*) FROM inbox_item WHERE recipient_entity_id = $1", here));
        Assert.Equal("RECIPIENT_HAS_NO_IDENTIFIER", refused.Reason());
        Assert.Equal(0, await Peers.SeedA.CountAsync("SELECT count(*) FROM transmission WHERE message_id = $1", refusedRequest.Envelope.MessageId));
    }
}
