namespace Qweeby.Routing.Cli.Admin;

/// <summary>
/// Streams a file in chunks to a client-streaming call, with a progress bar on stderr. The first chunk is sent
/// even for an empty file, since it carries the call's options.
/// </summary>
internal static class ChunkedUpload
{
    public const int DefaultChunkKiB = 256;

    /// <summary>A chunk is one gRPC message: well under the hosts' 16 MiB message limit.</summary>
    public const int MaxChunkKiB = 8 * 1024;

    public static async Task SendAsync(AdminCall c, string path, Func<bool, ReadOnlyMemory<byte>, Task> writeChunk, Func<Task> complete, ProgressBar progress)
    {
        var chunkSize = (AdminCommands.Number(c, "--chunk-kib", MaxChunkKiB) is var k and > 0 ? k : DefaultChunkKiB) * 1024;
        await using var file = File.OpenRead(path);
        var buffer = new byte[chunkSize];
        var first = true;
        long sent = 0;
        try
        {
            int read;
            while ((read = await file.ReadAsync(buffer)) > 0 || first)
            {
                await writeChunk(first, buffer.AsMemory(0, read));
                first = false;
                sent += read;
                progress.Report(sent);
                if (read == 0)
                    break;
            }
            await complete();
        }
        catch (Grpc.Core.RpcException)
        {
            // The host answered before the end of the file (a refusal, a bad header): its status comes with the reply.
        }
    }

    public static ProgressBar ProgressFor(AdminCall c, string path)
    {
        if (!File.Exists(path))
            throw new CliUsageException($"No file {path}.");
        return new ProgressBar(c.Error, new FileInfo(path).Length, interactive: !Console.IsErrorRedirected && ReferenceEquals(c.Error, Console.Error));
    }
}
