using System.Globalization;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Core.Identifiers;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Admin;

public sealed class ImportAdminTests(AdminFixture fixture) : IClassFixture<AdminFixture>
{
    private const string Header = "legal_name,kind,country,siret,siren,vat,identifiers,contact_last_name,contact_first_name,contact_email";

    /// <summary>Sends the file in small chunks split anywhere, as a large file would be.</summary>
    private async Task<ImportEntitiesReply> ImportAsync(string csv, bool multiAccount = false, CallInvoker? invoker = null)
    {
        using var call = new DirectoryImport.DirectoryImportClient(invoker ?? fixture.PlatformAdministrator).ImportEntities();
        var bytes = Encoding.UTF8.GetBytes(csv);
        return await ClientStreams.SendAllAsync(call,
            [new ImportEntitiesChunk { Options = new ImportOptions { MultiAccount = multiAccount } },
             .. bytes.Chunk(37).Select(chunk => new ImportEntitiesChunk { Data = ByteString.CopyFrom(chunk) })]);
    }

    private static string Email() => $"{Guid.NewGuid():N}@import.test";

    [Fact]
    public async Task A_row_with_more_identifiers_than_allowed_is_rejected_whole()
    {
        var others = string.Join('|', Enumerable.Range(0, 25).Select(_ => $"0009:{TestIds.Siret(TestIds.Siren())}"));

        var reply = await ImportAsync($"{Header}\nMany Ids SAS,company,FR,,,,{others},,,");

        Assert.Equal(0, reply.Created);
        var rejection = Assert.Single(reply.Rejected);
        Assert.Equal((2, "identifiers", "TOO_MANY"), (rejection.Row, rejection.Field, rejection.Reason));
    }

    [Fact]
    public async Task A_file_of_mostly_bad_rows_lists_the_first_thousand_rejections_and_counts_them_all()
    {
        var good = TestIds.Siret(TestIds.Siren());
        var csv = string.Join("\n", [Header, .. Enumerable.Range(0, 1_500).Select(_ => "Nameless,company,FR,,,,,,,"), $"Good SAS,company,FR,{good},,,,,,"]);

        var reply = await ImportAsync(csv);

        Assert.Equal((1_501, 1, 1_500, 1_000), (reply.Rows, reply.Created, reply.RejectedCount, reply.Rejected.Count));
        Assert.Equal(Enumerable.Range(2, 1_000), reply.Rejected.Select(r => r.Row));
    }

    [Fact]
    public async Task An_import_of_valid_and_invalid_rows_commits_the_valid_ones_and_reports_each_invalid_one()
    {
        var (existing, _) = await fixture.SenderAsync();
        var existingSiren = TestIds.Siren();
        await fixture.Seed.AddIdentifierAsync(existing, existingSiren);
        var (siretA, siretB, siretC) = (TestIds.Siret(TestIds.Siren()), TestIds.Siret(TestIds.Siren()), TestIds.Siret(TestIds.Siren()));
        var duplicated = TestIds.Siret(TestIds.Siren());
        var sharedEmail = Email();
        var csv = string.Join("\n",
            Header,
            $"\"Alpha, Fils & Cie\",company,FR,{siretA},,,,Martin,Claire,{Email()}",                 // 2 valid (quoted comma)
            $"Beta SARL,,,{siretB[..13]}{(siretB[13] - '0' + 1) % 10},,,,,,",                                                       // 3 bad SIRET check digit
            $",association,France,,,,,Petit,,not-an-email",                                             // 4 four bad fields
            $"Existing VAT SA,company,FR,,,{TestIds.Vat(existingSiren)},,,,",                            // 5 VAT held (by SIREN) already
            $"Gamma SAS,company,FR,{siretC},,,,,,{sharedEmail}",                                      // 6 contact without last name
            $"Delta SAS,company,FR,{duplicated},,,,Durand,,{sharedEmail}",                              // 7 valid
            $"Delta Copy,company,FR,{duplicated},,,,,,",                                                // 8 duplicate of row 7
            "",
            $"Epsilon,natural_person,BE,,,,0088:5790000435951|0060:123456789,,,");                    // 10 valid, other identifiers

        var reply = await ImportAsync(csv);

        Assert.Equal(8, reply.Rows);
        Assert.Equal(3, reply.Created);
        Assert.Equal(
            ["3:siret:CHECK_DIGIT", "4:contact_email:FORMAT", "4:country:FORMAT", "4:legal_name:REQUIRED", "4:siret:REQUIRED",
             "5:vat:IDENTIFIER_TAKEN", "6:contact_last_name:REQUIRED", "8:siret:DUPLICATE_IN_FILE"],
            reply.Rejected.Select(r => $"{r.Row}:{r.Field}:{r.Reason}").Order(StringComparer.Ordinal));
        Assert.Equal(existing.ToString(), reply.Rejected.Single(r => r.Reason == "IDENTIFIER_TAKEN").HolderEntityId);
        var alpha = await fixture.Entities.GetEntityAsync(new EntityRef { Entity = siretA });
        Assert.Equal("Alpha, Fils & Cie", alpha.LegalName);
        Assert.Equal(ContactRole.Administrator, Assert.Single(alpha.Contacts).Role);
        // Known to routing at once (cached misses dropped), not registered anywhere yet.
        Assert.Equal("NO_SERVICE_PROVIDER", await fixture.RefusalOfResolveAsync("", siretA));
        Assert.Equal("RECIPIENT_NOT_FOUND", await fixture.RefusalOfResolveAsync("", siretB));
        var delta = await fixture.Entities.GetEntityAsync(new EntityRef { Entity = duplicated });
        Assert.Equal(sharedEmail, Assert.Single(delta.Contacts).Email);
        Assert.Equal("Epsilon", (await fixture.Entities.GetEntityAsync(new EntityRef { Entity = "0088:5790000435951" })).LegalName);
    }

    [Fact]
    public async Task A_large_file_is_applied_in_batches_and_an_identifier_repeated_across_batches_is_reported_not_duplicated()
    {
        const int rows = 12_000; // three batches of at most 5,000
        var sirets = UniqueSirets(rows);
        var csv = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < rows; i++)
            csv.Append(CultureInfo.InvariantCulture, $"Bulk {i},company,FR,{sirets[i]},,,,Bulk,,bulk-{i}-{Guid.NewGuid():N}@import.test\n");
        csv.Append(CultureInfo.InvariantCulture, $"Bulk again,company,FR,{sirets[0]},,,,,,\n"); // row 12002, in the last batch

        var reply = await ImportAsync(csv.ToString());

        Assert.Equal(rows + 1, reply.Rows);
        Assert.Equal(rows, reply.Created);
        var again = Assert.Single(reply.Rejected);
        Assert.Equal((rows + 2, "IDENTIFIER_TAKEN"), (again.Row, again.Reason));
        Assert.Equal((await fixture.Entities.GetEntityAsync(new EntityRef { Entity = sirets[0] })).EntityId, again.HolderEntityId);
        Assert.Equal("Bulk 11999", (await fixture.Entities.GetEntityAsync(new EntityRef { Entity = sirets[^1] })).LegalName);
    }

    /// <summary>SIRETs of distinct SIRENs, from consecutive numbers (random ones would collide at this count).</summary>
    private static List<string> UniqueSirets(int count)
    {
        var sirets = new List<string>(count);
        for (var body = Random.Shared.Next(10_000_000, 80_000_000); sirets.Count < count; body++)
        {
            var siren = Enumerable.Range(0, 10).Select(d => $"{body}{d}").First(s => PartyId.TryParse(s, out var id, out _) && id.Scheme == IdentifierScheme.Siren);
            if (siren != "356000000")
                sirets.Add(TestIds.Siret(siren));
        }
        return sirets;
    }

    [Fact]
    public async Task Importing_the_same_file_twice_creates_nothing_the_second_time()
    {
        var siret = TestIds.Siret(TestIds.Siren());
        var csv = $"{Header}\nOnce Only,company,FR,{siret},,,,Once,,{Email()}\n";

        var first = await ImportAsync(csv);
        var second = await ImportAsync(csv);

        Assert.Equal(1, first.Created);
        Assert.Equal(0, second.Created);
        Assert.Equal(["contact_email:EMAIL_TAKEN", "siret:IDENTIFIER_TAKEN"], second.Rejected.Select(r => $"{r.Field}:{r.Reason}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task In_multi_account_mode_one_email_may_administer_several_entities()
    {
        var accountant = Email();
        string File() => $"{Header}\nClient One,company,FR,{TestIds.Siret(TestIds.Siren())},,,,Compta,,{accountant}\n"
                         + $"Client Two,company,FR,{TestIds.Siret(TestIds.Siren())},,,,Compta,,{accountant}\n";

        var refused = await ImportAsync(File());
        var accepted = await ImportAsync(File(), multiAccount: true);

        Assert.Equal(1, refused.Created);
        Assert.Equal("DUPLICATE_IN_FILE", Assert.Single(refused.Rejected).Reason);
        Assert.Equal(2, accepted.Created);
        Assert.Empty(accepted.Rejected);
    }

    [Fact]
    public async Task A_file_without_the_required_columns_is_refused_whole_and_only_platform_administrators_import()
    {
        var wrongHeader = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => ImportAsync("name,siret\nX,123\n"));
        var (_, siret) = await fixture.SenderAsync();
        var (invoker, _) = await fixture.AccountAdministratorAsync(Guid.NewGuid());

        Assert.Equal("header", Assert.Single(wrongHeader.Violations()).Field);
        await Refusal.AssertAsync(StatusCode.PermissionDenied, "ROLE_REQUIRED", () => ImportAsync($"{Header}\nX,,,{siret},,,,,,", invoker: invoker));
    }
}
