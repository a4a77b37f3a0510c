using Grpc.Core;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Hosting.Grpc;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Admin;

/// <summary>
/// A request with thousands of list items gets one TOO_MANY violation before any item is read, and a request with
/// more bad fields than <see cref="RpcErrors.MaxViolations"/> gets the first ones and the count: either way a clear
/// INVALID_ARGUMENT (a status trailer of thousands of violations is over the client's header limit and reads as
/// UNAVAILABLE).
/// </summary>
public sealed class OversizedListTests(AdminFixture fx) : IClassFixture<AdminFixture>
{
    private static string[] Bad(int count) => [.. Enumerable.Range(0, count).Select(i => $"not-an-identifier-{i}")];

    [Fact]
    public async Task Thousands_of_identifiers_to_add_get_one_too_many_violation()
    {
        var (entity, _) = await fx.SenderAsync();

        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            fx.Entities.UpdateEntityAsync(new UpdateEntityRequest { Entity = entity.ToString(), AddIdentifiers = { Bad(5_000) } }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        var violation = Assert.Single(refused.Violations());
        Assert.Equal(("add_identifiers", "TOO_MANY"), (violation.Field, violation.Reason));
    }

    [Fact]
    public async Task An_entity_holds_at_most_a_hundred_identifiers_and_the_update_that_would_pass_it_writes_nothing()
    {
        var (entity, _) = await fx.SenderAsync();
        var held = (await fx.Entities.GetEntityAsync(new EntityRef { Entity = entity.ToString() })).Identifiers.Count;
        UpdateEntityRequest Adding20() => new()
        {
            Entity = entity.ToString(), AddIdentifiers = { Enumerable.Range(0, 20).Select(_ => TestIds.Siret(TestIds.Siren())) },
        };
        var allowed = (Data.Admin.EntityStore.MaxIdentifiersPerEntity - held) / 20;
        for (var i = 0; i < allowed; i++)
            await fx.Entities.UpdateEntityAsync(Adding20());

        var refused = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => fx.Entities.UpdateEntityAsync(Adding20()).ResponseAsync);

        Assert.Equal("TOO_MANY_IDENTIFIERS", refused.Reason());
        Assert.Equal(held + 20 * allowed, (await fx.Entities.GetEntityAsync(new EntityRef { Entity = entity.ToString() })).Identifiers.Count);
    }

    [Fact]
    public async Task An_entity_already_over_the_limit_can_still_be_renamed_and_trimmed_but_not_grown()
    {
        var (entity, _) = await fx.SenderAsync();
        var reference = entity.ToString();
        var held = (await fx.Entities.GetEntityAsync(new EntityRef { Entity = reference })).Identifiers.Count;
        // Loaded past the limit before it existed (straight into the directory).
        var extra = Enumerable.Range(0, Data.Admin.EntityStore.MaxIdentifiersPerEntity + 20 - held).Select(_ => TestIds.Siret(TestIds.Siren())).ToList();
        foreach (var siret in extra)
            await fx.Seed.AddIdentifierAsync(entity, siret);

        await fx.Entities.UpdateEntityAsync(new UpdateEntityRequest { Entity = reference, LegalName = "Renamed Anyway SA" });
        await fx.Entities.UpdateEntityAsync(new UpdateEntityRequest { Entity = reference, RemoveIdentifiers = { extra[0] } });
        var refused = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () =>
            fx.Entities.UpdateEntityAsync(new UpdateEntityRequest { Entity = reference, AddIdentifiers = { TestIds.Siret(TestIds.Siren()) } }).ResponseAsync);

        Assert.Equal("TOO_MANY_IDENTIFIERS", refused.Reason());
        var after = await fx.Entities.GetEntityAsync(new EntityRef { Entity = reference });
        Assert.Equal(("Renamed Anyway SA", Data.Admin.EntityStore.MaxIdentifiersPerEntity + 19), (after.LegalName, after.Identifiers.Count));
    }

    [Fact]
    public async Task Thousands_of_customer_numbers_get_one_too_many_violation()
    {
        var (supplier, _) = await fx.SenderAsync();
        var (customer, _, _) = await fx.RecipientAsync();

        var refused = await Assert.ThrowsAsync<RpcException>(() => fx.Directory.AddCustomerAsync(new AddCustomerRequest
        {
            Supplier = supplier.ToString(), Customer = customer.ToString(), CustomerNumbers = { Enumerable.Range(0, 5_000).Select(_ => "") },
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        var violation = Assert.Single(refused.Violations());
        Assert.Equal(("customer_numbers", "TOO_MANY"), (violation.Field, violation.Reason));
    }

    [Fact]
    public async Task More_bad_fields_than_the_limit_travel_as_the_first_ones_and_their_count()
    {
        var request = new CreateEntityRequest { Kind = EntityKind.Company, LegalName = "Many Faults SA", Country = "FR", Identifiers = { Bad(20) } };
        request.Contacts.Add(Enumerable.Range(0, 20).Select(_ => new NewContact { LastName = "", FirstName = "", Email = "not-an-email" }));

        var refused = await Assert.ThrowsAsync<RpcException>(() => fx.Entities.CreateEntityAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        var violations = refused.Violations();
        Assert.Equal(RpcErrors.MaxViolations, violations.Count);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"identifiers[{i}]"), violations.Take(20).Select(v => v.Field));
        Assert.StartsWith($"60 fields are invalid (the first {RpcErrors.MaxViolations} in the details): identifiers[0]: ", refused.Status.Detail);
    }
}
