using System.Text.Json;
using Grpc.Core;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Data.Cache;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Admin;

public sealed class SettingsAdminTests(AdminFixture fixture) : IClassFixture<AdminFixture>
{
    [Fact]
    public async Task Closing_the_customer_directory_on_the_admin_host_changes_the_very_next_resolve_on_a_routing_host()
    {
        var (sender, senderSiret) = await fixture.SenderAsync();
        var (_, recipientSiret, _) = await fixture.RecipientAsync();
        await fixture.ResolveAsync(senderSiret, recipientSiret); // the sender's facts now cached in Redis and in the routing host
        Assert.True(await fixture.CachedInRedisAsync(CacheKeys.Entity(sender)));

        var settings = await fixture.Directory.SetCustomerDirectoryModeAsync(new SetDirectoryModeRequest { Entity = senderSiret, Mode = DirectoryMode.Closed });

        Assert.Equal(DirectoryMode.Closed, settings.CustomerDirectory);
        Assert.False(await fixture.CachedInRedisAsync(CacheKeys.Entity(sender))); // gone from Redis when the call returns
        await Eventually.True(async () => await fixture.RefusalOfResolveAsync(senderSiret, recipientSiret) == "NOT_IN_CUSTOMER_DIRECTORY",
            TimeSpan.FromSeconds(2), "the routing host's in-process copy dropped by the invalidation message");
    }

    [Fact]
    public async Task Closing_the_supplier_directory_refuses_suppliers_not_approved()
    {
        var (_, senderSiret) = await fixture.SenderAsync();
        var (recipient, recipientSiret, _) = await fixture.RecipientAsync();
        await fixture.ResolveAsync(senderSiret, recipientSiret);

        await fixture.Directory.SetSupplierDirectoryModeAsync(new SetDirectoryModeRequest { Entity = recipient.ToString(), Mode = DirectoryMode.Closed });

        await Eventually.True(async () => await fixture.RefusalOfResolveAsync(senderSiret, recipientSiret) == "SUPPLIER_NOT_APPROVED",
            TimeSpan.FromSeconds(2), "the closed supplier directory");
    }

    [Fact]
    public async Task Settings_read_back_as_set_by_any_identifier_of_the_entity()
    {
        var siren = TestIds.Siren();
        var id = await fixture.Seed.EntityAsync("Settings Reader", [TestIds.Siret(siren)]);
        await fixture.Directory.SetSupplierDirectoryModeAsync(new SetDirectoryModeRequest { Entity = id.ToString(), Mode = DirectoryMode.Closed });

        var settings = await fixture.Directory.GetSettingsAsync(new GetSettingsRequest { Entity = TestIds.Vat(siren) });

        Assert.Equal(id.ToString(), settings.EntityId);
        Assert.Equal(DirectoryMode.Open, settings.CustomerDirectory);
        Assert.Equal(DirectoryMode.Closed, settings.SupplierDirectory);
        Assert.Equal("Settings Reader", settings.LegalName);
    }

    [Fact]
    public async Task A_bad_entity_and_a_missing_mode_are_reported_together()
    {
        var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => fixture.Directory.SetCustomerDirectoryModeAsync(new SetDirectoryModeRequest { Entity = "0009:55203253400647" }).ResponseAsync);

        Assert.Equal(["entity:CHECK_DIGIT", "mode:REQUIRED"], failure.Violations().Select(v => $"{v.Field}:{v.Reason}").Order());
    }

    [Fact]
    public async Task An_entity_missing_from_the_directory_is_not_found()
    {
        var failure = await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => fixture.Directory.GetSettingsAsync(new GetSettingsRequest { Entity = TestIds.Siret(TestIds.Siren()) }).ResponseAsync);

        Assert.Equal("ENTITY_NOT_FOUND", failure.Reason());
    }

    [Fact]
    public async Task An_account_administrator_of_one_entity_cannot_change_another()
    {
        var (mine, _) = await fixture.SenderAsync("Mine SA");
        var (theirs, theirSiret) = await fixture.SenderAsync("Theirs SA");
        var (invoker, _) = await fixture.AccountAdministratorAsync(mine);
        var client = new DirectoryAdmin.DirectoryAdminClient(invoker);

        await client.SetCustomerDirectoryModeAsync(new SetDirectoryModeRequest { Entity = mine.ToString(), Mode = DirectoryMode.Closed });
        await Refusal.AssertAsync(StatusCode.PermissionDenied, "ENTITY_OUT_OF_SCOPE",
            () => client.SetCustomerDirectoryModeAsync(new SetDirectoryModeRequest { Entity = theirSiret, Mode = DirectoryMode.Closed }).ResponseAsync);
        // Not even whether an entity exists leaks outside the caller's scope.
        await Refusal.AssertAsync(StatusCode.PermissionDenied, "ENTITY_OUT_OF_SCOPE",
            () => client.GetSettingsAsync(new GetSettingsRequest { Entity = TestIds.Siret(TestIds.Siren()) }).ResponseAsync);

        Assert.Equal(DirectoryMode.Open, (await fixture.Directory.GetSettingsAsync(new GetSettingsRequest { Entity = theirs.ToString() })).CustomerDirectory);
    }

    [Fact]
    public async Task Each_setting_change_is_audited_with_who_and_the_value_before_and_after()
    {
        var (id, _) = await fixture.SenderAsync();
        var (invoker, callerId) = await fixture.AccountAdministratorAsync(id);

        await new DirectoryAdmin.DirectoryAdminClient(invoker).SetCustomerDirectoryModeAsync(new SetDirectoryModeRequest { Entity = id.ToString(), Mode = DirectoryMode.Closed });

        var record = Assert.Single((await fixture.Audit.ListAuditRecordsAsync(new ListAuditRecordsRequest { Entity = id.ToString() })).Records,
            r => r.Action == "settings.customer_directory");
        Assert.Equal(callerId, record.Actor);
        Assert.Equal("open", JsonDocument.Parse(record.BeforeJson).RootElement.GetProperty("customer_directory_mode").GetString());
        Assert.Equal("closed", JsonDocument.Parse(record.AfterJson).RootElement.GetProperty("customer_directory_mode").GetString());
    }
}
