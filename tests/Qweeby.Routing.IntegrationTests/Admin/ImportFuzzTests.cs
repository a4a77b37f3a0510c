using System.Text;
using CsCheck;
using Google.Protobuf;
using Grpc.Core;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Admin;

/// <summary>
/// Entity imports of hostile files (quotes, delimiters, control characters, bytes that are not UTF-8, stray
/// columns): the import answers (a report or INVALID_ARGUMENT for a file it cannot read), never a failure of its own;
/// it creates exactly the entities it reports, each whole (with its identifier); every rejection says row, field and reason.
/// </summary>
public sealed class ImportFuzzTests(AdminFixture fx) : IClassFixture<AdminFixture>
{
    private const string Header = "legal_name,kind,country,siret,contact_last_name,contact_email\n";

    // Declared before its users: static fields initialize in textual order.
    private static readonly string[] Known = ["FR", "company", "x@y.test", "' OR 1=1 --", "\"quoted, cell\"", "\"unterminated"];

    private static readonly Gen<string> Cell = Gen.OneOf(
        Gen.String[0, 12],
        Gen.Char["\",;\t\r\n\0\u0007'\\é\uFEFF "].Array[0, 6].Select(c => new string(c)),
        Gen.Int[0, Known.Length - 1].Select(i => Known[i]));

    private static readonly Gen<byte[]> HostileFile = Gen.OneOf(
        Cell.Array[1, 8].Array[1, 6].Select(rows =>
            Encoding.UTF8.GetBytes(Header + string.Join('\n', rows.Select(r => string.Join(',', r))))),
        Gen.Byte.Array[0, 300].Select(bytes => Encoding.UTF8.GetBytes(Header).Concat(bytes).ToArray()),
        Gen.Byte.Array[0, 300]);

    [Fact]
    public async Task A_hostile_file_never_fails_the_import_nor_writes_half_a_row()
    {
        var samples = HostileFile.Array[12].Single();
        foreach (var file in samples)
        {
            var before = await EntitiesAsync();
            var (status, reply) = await ImportAsync(file);

            Assert.True(status is StatusCode.OK or StatusCode.InvalidArgument, $"import answered {status}");
            var created = reply?.Created ?? 0;
            Assert.Equal(before + created, await EntitiesAsync());
            Assert.Equal(0, await EntitiesWithoutIdentifierAsync());
            foreach (var r in reply?.Rejected ?? [])
                Assert.True(r.Row > 0 && r.Field.Length > 0 && r.Reason.Length > 0, $"rejection without row, field or reason: {r}");
        }
    }

    private async Task<(StatusCode, ImportEntitiesReply?)> ImportAsync(byte[] file)
    {
        try
        {
            using var call = new DirectoryImport.DirectoryImportClient(fx.PlatformAdministrator).ImportEntities();
            await call.RequestStream.WriteAsync(new ImportEntitiesChunk { Options = new ImportOptions() });
            foreach (var chunk in file.Chunk(64))
                await call.RequestStream.WriteAsync(new ImportEntitiesChunk { Data = ByteString.CopyFrom(chunk) });
            await call.RequestStream.CompleteAsync();
            return (StatusCode.OK, await call);
        }
        catch (RpcException e)
        {
            return (e.StatusCode, null);
        }
    }

    private async Task<long> EntitiesAsync()
    {
        await using var cmd = fx.Database.DataSource.CreateCommand("SELECT count(*) FROM entity");
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task<long> EntitiesWithoutIdentifierAsync()
    {
        await using var cmd = fx.Database.DataSource.CreateCommand(
            "SELECT count(*) FROM entity e WHERE NOT EXISTS (SELECT 1 FROM entity_identifier i WHERE i.entity_id = e.entity_id)");
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
