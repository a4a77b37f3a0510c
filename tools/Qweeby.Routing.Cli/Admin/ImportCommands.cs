using Google.Protobuf;
using Qweeby.Routing.Contracts.Admin.V1;

namespace Qweeby.Routing.Cli.Admin;

/// <summary>qweeby import entities: the CSV file streamed in chunks, with a progress bar on stderr.</summary>
internal static class ImportCommands
{
    private const int DefaultChunkKiB = 256;

    public static readonly AdminCommand[] All =
    [
        new("import", "entities", ["FILE"],
            "Imports entities and administrator contacts from CSV (README: CSV import format); valid rows are committed, invalid ones listed. "
            + "Exit 8 when some rows were rejected.",
            ["--chunk-kib"], ["--multi-account"], ImportAsync,
            ["row", "field", "reason", "description", "holder_entity_id"]),
    ];

    private static async Task<IMessage> ImportAsync(AdminCall c)
    {
        var path = c.Arg(0);
        if (!File.Exists(path))
            throw new CliUsageException($"No file {path}.");
        var chunkSize = (AdminCommands.Number(c, "--chunk-kib") is var k and > 0 ? k : DefaultChunkKiB) * 1024;
        await using var file = File.OpenRead(path);
        var progress = new ProgressBar(c.Error, file.Length, interactive: !Console.IsErrorRedirected && ReferenceEquals(c.Error, Console.Error));
        // An import runs as long as the file needs: no deadline, Ctrl-C stops it (committed batches stay).
        using var call = new DirectoryImport.DirectoryImportClient(c.Invoker).ImportEntities();
        var buffer = new byte[chunkSize];
        var first = true;
        long sent = 0;
        int read;
        try
        {
            while ((read = await file.ReadAsync(buffer)) > 0 || first)
            {
                await call.RequestStream.WriteAsync(new ImportEntitiesChunk
                {
                    Options = first ? new ImportOptions { MultiAccount = c.Has("--multi-account") } : null,
                    Data = ByteString.CopyFrom(buffer, 0, read),
                });
                first = false;
                sent += read;
                progress.Report(sent);
                if (read == 0)
                    break;
            }
            await call.RequestStream.CompleteAsync();
        }
        catch (Grpc.Core.RpcException)
        {
            // The host answered before the end of the file (a refusal, a bad header): its status comes with the reply.
        }
        var reply = await call;
        progress.Done($"{reply.Rows} rows: {reply.Created} entities created, {reply.Rejected.Count} rejections.");
        return reply;
    }
}
