using System.IO.Pipelines;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Qweeby.Routing.Admin.Lines;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Data.Admin;
using Qweeby.Routing.Hosting.Grpc;
using Qweeby.Routing.Hosting.Security;

namespace Qweeby.Routing.Admin.Grpc;

/// <summary>
/// Bulk import of entities as CSV, streamed in chunks: platform administrators only (it creates entities for
/// anyone). The chunks flow through a pipe into the CSV reader, so a large file is never held whole in memory.
/// </summary>
[Authorize(Policy = Policies.PlatformAdministrator)]
public sealed class DirectoryImportService(EntityImport import) : DirectoryImport.DirectoryImportBase
{
    /// <summary>Far longer than an entity row (legal name, identifiers, a contact: a few hundred bytes).</summary>
    public const int MaxLineBytes = 64 * 1024;

    public override async Task<ImportEntitiesReply> ImportEntities(IAsyncStreamReader<ImportEntitiesChunk> requestStream, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        if (!await requestStream.MoveNext(ct))
            throw RpcErrors.Invalid("options", "REQUIRED", "Send the file: the first chunk carries the options, every chunk a part of the file.").ToException();
        var options = requestStream.Current.Options ?? new ImportOptions();
        var pipe = new Pipe();
        var pump = UploadPump.PumpAsync(requestStream, chunk => chunk.Data.Memory, pipe.Writer, ct);
        try
        {
            // A row is a few hundred bytes: a line past MaxLineBytes is not this format.
            await using var file = new LineLengthLimit(pipe.Reader.AsStream(), MaxLineBytes);
            var report = await import.LoadAsync(file, options.MultiAccount, context.GetCaller().Id, ct);
            return report.ToReply();
        }
        catch (ImportFormatException e)
        {
            throw RpcErrors.Invalid(e.Field, "FORMAT", e.Message).ToException();
        }
        catch (LineTooLongException e)
        {
            // Batches before the line stay, as after any failure.
            throw RpcErrors.Invalid("data", "LINE_TOO_LONG", e.Message).ToException();
        }
        catch (NotSupportedException e) when (e.Source == typeof(nietras.SeparatedValues.Sep).Assembly.GetName().Name)
        {
            // Short lines inside an unclosed quote make one row the CSV reader holds whole, up to its own limit (16 MiB).
            throw RpcErrors.Invalid("data", "LINE_TOO_LONG", $"A row runs past what a CSV row can be ({e.Message}): is a quote left open?").ToException();
        }
        finally
        {
            await pump;
        }
    }
}
