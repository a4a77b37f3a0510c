using Google.Protobuf;
using Qweeby.Routing.Contracts.Admin.V1;

namespace Qweeby.Routing.Cli.Admin;

/// <summary>qweeby import entities: the CSV file streamed in chunks, with a progress bar on stderr.</summary>
internal static class ImportCommands
{
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
        var progress = ChunkedUpload.ProgressFor(c, path);
        // An import runs as long as the file needs: no deadline, Ctrl-C stops it (committed batches stay).
        using var call = new DirectoryImport.DirectoryImportClient(c.Invoker).ImportEntities();
        await ChunkedUpload.SendAsync(c, path,
            (first, data) => call.RequestStream.WriteAsync(new ImportEntitiesChunk
            {
                Options = first ? new ImportOptions { MultiAccount = c.Has("--multi-account") } : null,
                Data = ByteString.CopyFrom(data.Span),
            }),
            call.RequestStream.CompleteAsync, progress);
        var reply = await call;
        progress.Done($"{reply.Rows} rows: {reply.Created} entities created, {Rejections.Summary(reply.RejectedCount, reply.Rejected.Count, "rejections")}.");
        return reply;
    }
}
