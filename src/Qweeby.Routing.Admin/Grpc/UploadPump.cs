using System.IO.Pipelines;
using Grpc.Core;

namespace Qweeby.Routing.Admin.Grpc;

/// <summary>
/// Feeds a client-streamed file into a pipe that its reader consumes while later chunks still arrive. An upload
/// that breaks before its end must not read as the end of the file: the reader then gets a failure, never a
/// truncated last row or a missing tail (a full mirror extract would otherwise end every line it never received).
/// </summary>
internal static class UploadPump
{
    /// <param name="chunks">Already moved to its first chunk (which carries the call's options).</param>
    public static async Task PumpAsync<TChunk>(
        IAsyncStreamReader<TChunk> chunks, Func<TChunk, ReadOnlyMemory<byte>> data, PipeWriter writer, CancellationToken ct)
    {
        var complete = false;
        try
        {
            do
            {
                var flushed = await writer.WriteAsync(data(chunks.Current), ct);
                if (flushed.IsCompleted)
                    break; // the reader stopped (a bad header, a failed batch): the rest of the file is not needed
            }
            while (await chunks.MoveNext(ct));
            complete = true;
        }
        finally
        {
            await writer.CompleteAsync(complete ? null : new IOException("The upload ended before the end of the file."));
        }
    }
}
