using System.Globalization;
using System.IO.Hashing;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.IntegrationTests.Infrastructure;
using AdminEntityKind = Qweeby.Routing.Contracts.Admin.V1.EntityKind;

namespace Qweeby.Routing.IntegrationTests.Admin;

/// <summary>
/// Values a generated client can send but the service cannot take: timestamps outside years 1 to 9999 or with nanos
/// outside a second, enum numbers the protocol does not define, page tokens forged past what a query can take, rows
/// longer than a CSV reader holds. Each is INVALID_ARGUMENT naming its field, never UNKNOWN.
/// </summary>
public sealed class OutOfRangeRequestTests(AdminFixture fixture) : IClassFixture<AdminFixture>
{
    public static readonly TheoryData<long, int> BadTimestamps = new()
    {
        { 0, -1 },
        { 0, 1_000_000_000 },
        { 253_402_300_800, 0 },   // 10000-01-01
        { -62_135_596_801, 0 },   // before year 1
    };

    [Theory]
    [MemberData(nameof(BadTimestamps))]
    public async Task A_timestamp_out_of_range_is_invalid_argument_naming_its_field(long seconds, int nanos)
    {
        var bad = new Timestamp { Seconds = seconds, Nanos = nanos };
        var now = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
        var lines = new DirectoryLines.DirectoryLinesClient(fixture.PlatformAdministrator);
        var (_, siret, _) = await fixture.RecipientAsync();
        var recipient = new RecipientReference { Identifier = siret };
        (string Field, Func<Task> Call)[] calls =
        [
            ("at", () => fixture.Resolver.ResolveAsync(new ResolveRequest { Recipient = recipient, At = bad }).ResponseAsync),
            ("at", () => fixture.Resolver.ExplainAsync(new ResolveRequest { Recipient = recipient, At = bad }).ResponseAsync),
            ("at", () => fixture.Resolver.ResolveBatchAsync(new ResolveBatchRequest { Recipients = { recipient }, At = bad }).ResponseAsync),
            ("since", () => fixture.Audit.ListAuditRecordsAsync(new ListAuditRecordsRequest { Since = bad }).ResponseAsync),
            ("until", () => fixture.Audit.ListAuditRecordsAsync(new ListAuditRecordsRequest { Until = bad }).ResponseAsync),
            ("valid_from", () => lines.CreateLineAsync(new CreateLineRequest { Siren = siret[..9], PlatformId = "0001", ValidFrom = bad }).ResponseAsync),
            ("valid_to", () => lines.CreateLineAsync(new CreateLineRequest { Siren = siret[..9], PlatformId = "0001", ValidFrom = now, ValidTo = bad }).ResponseAsync),
            ("at", () => lines.EndLineAsync(new EndLineRequest { LineId = "L-1", At = bad }).ResponseAsync),
            ("at", () => lines.SwitchProviderAsync(new SwitchProviderRequest { Address = siret[..9], PlatformId = "0001", At = bad }).ResponseAsync),
        ];

        foreach (var (field, call) in calls)
        {
            var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, call);
            Assert.Contains(failure.Violations(), v => (v.Field, v.Reason) == (field, "OUT_OF_RANGE"));
        }
    }

    [Fact]
    public async Task An_entity_kind_or_contact_role_the_protocol_does_not_define_is_refused_not_ignored()
    {
        var (id, siret, _) = await fixture.RecipientAsync();

        var kind = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => fixture.Entities.UpdateEntityAsync(new UpdateEntityRequest { Entity = siret, Kind = (AdminEntityKind)99 }).ResponseAsync);
        var role = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => fixture.Entities.AddContactAsync(new AddContactRequest
            {
                Entity = id.ToString(),
                Contact = new NewContact { LastName = "Martin", Email = $"{Guid.NewGuid():N}@role.test", Role = (ContactRole)7 },
            }).ResponseAsync);

        Assert.Equal(("kind", "OUT_OF_RANGE"), (Assert.Single(kind.Violations()).Field, kind.Violations()[0].Reason));
        Assert.Equal(("contact.role", "OUT_OF_RANGE"), (Assert.Single(role.Violations()).Field, role.Violations()[0].Reason));
        var entity = await fixture.Entities.GetEntityAsync(new EntityRef { Entity = id.ToString() });
        Assert.DoesNotContain(entity.Contacts, c => c.LastName == "Martin");
    }

    [Fact]
    public async Task A_page_token_forged_past_the_largest_offset_is_a_format_error()
    {
        var (_, siret, _) = await fixture.RecipientAsync();
        // The token is the query's hash and a position; the hash is no secret, so any position can be written.
        var query = $"pending|{siret}";
        var hash = XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(query)).ToString("x16", CultureInfo.InvariantCulture);
        string Token(long position) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{hash}:{position}"));

        var empty = await fixture.Directory.ListPendingSuppliersAsync(new ListPendingSuppliersRequest { Receiver = siret, PageToken = Token(1_000) });
        var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => fixture.Directory.ListPendingSuppliersAsync(new ListPendingSuppliersRequest { Receiver = siret, PageToken = Token(2_147_483_648) }).ResponseAsync);

        Assert.Empty(empty.Suppliers);
        Assert.Equal(("page_token", "FORMAT"), (Assert.Single(failure.Violations()).Field, failure.Violations()[0].Reason));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_import_row_longer_than_a_csv_row_can_be_is_refused_as_line_too_long(bool shortLinesInAnOpenQuote)
    {
        using var call = new DirectoryImport.DirectoryImportClient(fixture.PlatformAdministrator).ImportEntities();
        var header = Encoding.UTF8.GetBytes("legal_name,siret\n\"");
        var chunk = new byte[1024 * 1024];
        Array.Fill(chunk, (byte)'a');
        if (shortLinesInAnOpenQuote)
            for (var i = 100; i < chunk.Length; i += 100)
                chunk[i] = (byte)'\n';

        var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => ClientStreams.SendAllAsync(call,
            [new ImportEntitiesChunk { Options = new ImportOptions() }, new ImportEntitiesChunk { Data = ByteString.CopyFrom(header) },
             .. Enumerable.Range(0, 17).Select(_ => new ImportEntitiesChunk { Data = ByteString.CopyFrom(chunk) })]));

        Assert.Equal(("data", "LINE_TOO_LONG"), (Assert.Single(failure.Violations()).Field, failure.Violations()[0].Reason));
    }
}
