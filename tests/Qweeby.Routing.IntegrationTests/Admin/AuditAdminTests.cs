using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Admin;

public sealed class AuditAdminTests(AdminFixture fixture) : IClassFixture<AdminFixture>
{
    [Fact]
    public async Task Audit_records_are_queried_by_entity_actor_and_time_newest_first_in_pages()
    {
        var (supplier, supplierSiret) = await fixture.SenderAsync();
        var (_, customerSiret, _) = await fixture.RecipientAsync();
        var (invoker, callerId) = await fixture.AccountAdministratorAsync(supplier);
        var admin = new DirectoryAdmin.DirectoryAdminClient(invoker);
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);
        await admin.SetCustomerDirectoryModeAsync(new SetDirectoryModeRequest { Entity = supplierSiret, Mode = DirectoryMode.Closed });
        await admin.AddCustomerAsync(new AddCustomerRequest { Supplier = supplierSiret, Customer = customerSiret, CustomerNumbers = { "A-1" } });
        await admin.SetCustomerNumbersAsync(new SetCustomerNumbersRequest { Supplier = supplierSiret, Customer = customerSiret, CustomerNumbers = { "A-2" } });
        await fixture.Directory.SetSupplierDirectoryModeAsync(new SetDirectoryModeRequest { Entity = supplierSiret, Mode = DirectoryMode.Closed });
        var audit = new Audit.AuditClient(invoker);

        var first = await audit.ListAuditRecordsAsync(new ListAuditRecordsRequest { Entity = supplierSiret, PageSize = 3 });
        var second = await audit.ListAuditRecordsAsync(new ListAuditRecordsRequest { Entity = supplierSiret, PageSize = 3, PageToken = first.NextPageToken });
        var mine = await fixture.Audit.ListAuditRecordsAsync(new ListAuditRecordsRequest { Actor = callerId, Since = Timestamp.FromDateTimeOffset(start) });
        var future = await fixture.Audit.ListAuditRecordsAsync(new ListAuditRecordsRequest { Entity = supplierSiret, Since = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(1)) });

        Assert.Equal(["settings.supplier_directory", "customer.numbers", "customer.add"], first.Records.Select(r => r.Action));
        Assert.Equal(["settings.customer_directory"], second.Records.Select(r => r.Action));
        Assert.Equal("", second.NextPageToken);
        Assert.Equal(fixture.PlatformAdministratorId, first.Records[0].Actor);
        Assert.Contains("\"A-1\"", first.Records[1].BeforeJson, StringComparison.Ordinal);
        Assert.Contains("\"A-2\"", first.Records[1].AfterJson, StringComparison.Ordinal);
        Assert.Equal(3, mine.Records.Count);
        Assert.All(mine.Records, r => Assert.Equal(callerId, r.Actor));
        Assert.Empty(future.Records);
    }

    [Fact]
    public async Task An_account_administrator_reads_only_its_entities_records()
    {
        var (mine, _) = await fixture.SenderAsync();
        var (theirs, _) = await fixture.SenderAsync();
        var (invoker, _) = await fixture.AccountAdministratorAsync(mine);
        var audit = new Audit.AuditClient(invoker);

        var everything = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => audit.ListAuditRecordsAsync(new ListAuditRecordsRequest()).ResponseAsync);
        await Refusal.AssertAsync(StatusCode.PermissionDenied, "ENTITY_OUT_OF_SCOPE",
            () => audit.ListAuditRecordsAsync(new ListAuditRecordsRequest { Entity = theirs.ToString() }).ResponseAsync);

        Assert.Equal("entity", Assert.Single(everything.Violations()).Field);
        await audit.ListAuditRecordsAsync(new ListAuditRecordsRequest { Entity = mine.ToString() });
    }
}
