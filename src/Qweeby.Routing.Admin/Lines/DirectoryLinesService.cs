using System.IO.Pipelines;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Qweeby.Routing.Admin.Grpc;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Core.Addressing;
using Qweeby.Routing.Core.Identifiers;
using Qweeby.Routing.Core.Routing;
using Qweeby.Routing.Data.Addressing;
using Qweeby.Routing.Hosting.Grpc;
using Qweeby.Routing.Hosting.Options;
using Qweeby.Routing.Hosting.Security;

namespace Qweeby.Routing.Admin.Lines;

/// <summary>French directory lines: platform administrators keep the mirror of the central directory.</summary>
[Authorize(Policy = Policies.PlatformAdministrator)]
public sealed class DirectoryLinesService(DirectoryLineWriter writer, DirectoryLineReader reader, MirrorImport mirror, TimeProvider time,
    IOptions<LimitsOptions> limits)
    : DirectoryLines.DirectoryLinesBase
{
    /// <summary>Longer than any mirror row could be (one is under 500 bytes).</summary>
    public const int MaxLineBytes = 64 * 1024;

    public override async Task<Contracts.Admin.V1.DirectoryLine> CreateLine(CreateLineRequest request, ServerCallContext context)
    {
        if (request.ValidFrom is null)
            throw RpcErrors.Invalid("valid_from", "REQUIRED", "Give the date from which the line is valid.").ToException();
        var (row, rejection) = MirrorFile.Check(0, request.LineId.Length > 0 ? request.LineId : DirectoryLineWriter.NewLineId(),
            request.Siren, request.Siret, request.RoutingCode, request.Suffix, request.PlatformId,
            RequestTimestamps.ReadOrThrow("valid_from", request.ValidFrom)!.Value, RequestTimestamps.ReadOrThrow("valid_to", request.ValidTo));
        if (rejection is not null)
            throw RpcErrors.Invalid(rejection.Field, "FORMAT", rejection.Reason).ToException();
        try
        {
            return (await writer.CreateAsync(row!, context.GetCaller().Id, context.CancellationToken)).ToProto();
        }
        catch (LineConflictException e)
        {
            throw Overlap(e).ToException();
        }
    }

    public override async Task<Contracts.Admin.V1.DirectoryLine> EndLine(EndLineRequest request, ServerCallContext context)
    {
        if (MirrorFile.LineIdProblem(request.LineId) is { } problem)
            throw RpcErrors.Invalid("line_id", "FORMAT", problem).ToException();
        if (request.At is null)
            throw RpcErrors.Invalid("at", "REQUIRED", "Give the moment the line ends.").ToException();
        var at = RequestTimestamps.ReadOrThrow("at", request.At)!.Value;
        return await ChangeAsync(async () => (await writer.EndAsync(request.LineId, at, context.GetCaller().Id, time.GetUtcNow(), context.CancellationToken)).ToProto());
    }

    public override async Task<SwitchProviderReply> SwitchProvider(SwitchProviderRequest request, ServerCallContext context)
    {
        var address = request.Address.StartsWith("0225:", StringComparison.OrdinalIgnoreCase) ? request.Address : $"0225:{request.Address}";
        if (!PartyId.TryParse(address, out var parsed, out var error))
            throw RpcErrors.Invalid([RpcErrors.Violation("address", error)]).ToException();
        if (MirrorFile.PlatformIdProblem(request.PlatformId) is { } problem)
            throw RpcErrors.Invalid("platform_id", "FORMAT", problem).ToException();
        var at = RequestTimestamps.ReadOrThrow("at", request.At) ?? time.GetUtcNow();
        return await ChangeAsync(async () =>
        {
            var (ended, started) = await writer.SwitchProviderAsync(parsed.Value, request.PlatformId, at, context.GetCaller().Id, context.CancellationToken);
            return new SwitchProviderReply { Ended = ended.ToProto(), Started = started.ToProto() };
        });
    }

    public override async Task<GetLinesReply> GetLines(GetLinesRequest request, ServerCallContext context)
    {
        if (!PartyId.TryParse(request.Entity, out var id, out var error))
            throw RpcErrors.Invalid([RpcErrors.Violation("entity", error)]).ToException();
        if (LineTarget.Of(id) is not { } target)
            throw RpcErrors.Invalid("entity", "UNKNOWN_SCHEME", "Directory lines belong to French companies: give a SIREN, SIRET, French VAT number or 0225 address.").ToException();
        var fields = new RequestFields();
        var size = fields.PageSize("page_size", request.PageSize, limits.Value.MaxPageSize);
        var query = "lines|" + target.Siren;
        var position = PageToken.DecodeText(fields, "page_token", request.PageToken, query);
        LineCursor? after = null;
        if (position is { Length: > 0 } && (after = LineCursor.Parse(position)) is null)
            PageToken.Refuse(fields, "page_token");
        fields.ThrowIfInvalid();

        var (versions, next) = await reader.PageAsync(target.Siren, after, size, context.CancellationToken);
        return new GetLinesReply
        {
            Current = { versions.Where(v => v.SupersededAt is null).Select(v => v.Line).OrderBy(l => l.ValidFrom).ThenBy(l => l.LineId, StringComparer.Ordinal).Select(l => l.ToProto()) },
            History = { versions.Select(v => v.ToProto()) },
            NextPageToken = next is { } last ? PageToken.Encode(query, last.Text) : "",
        };
    }

    public override async Task<ImportMirrorReply> ImportMirror(IAsyncStreamReader<ImportMirrorChunk> requestStream, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        if (!await requestStream.MoveNext(ct))
            throw RpcErrors.Invalid("mode", "REQUIRED", "Send at least one chunk; the first one carries the mode.").ToException();
        var mode = requestStream.Current.Mode switch
        {
            Contracts.Admin.V1.MirrorMode.Full => Data.Addressing.MirrorMode.Full,
            Contracts.Admin.V1.MirrorMode.Delta => Data.Addressing.MirrorMode.Delta,
            _ => throw RpcErrors.Invalid("mode", "REQUIRED", "Say whether the file is a FULL extract or a DELTA.").ToException(),
        };
        // The file streams through a pipe: rows are applied batch by batch while later chunks still arrive.
        var pipe = new Pipe();
        var receiving = UploadPump.PumpAsync(requestStream, chunk => chunk.Data.Memory, pipe.Writer, ct);
        try
        {
            using var text = new StreamReader(new LineLengthLimit(pipe.Reader.AsStream(), MaxLineBytes), System.Text.Encoding.UTF8);
            return (await mirror.LoadAsync(text, mode, context.GetCaller().Id, ct)).ToProto();
        }
        catch (LineTooLongException e)
        {
            // Batches before the line stay, as after any failure; a FULL extract ends nothing.
            throw RpcErrors.Invalid("data", "LINE_TOO_LONG", e.Message).ToException();
        }
        finally
        {
            // An upload that broke fails the import (its reader saw a failure, not the end of the file) with the upload's own error.
            await receiving;
        }
    }

    private static async Task<T> ChangeAsync<T>(Func<Task<T>> change)
    {
        try
        {
            return await change();
        }
        catch (LineConflictException e)
        {
            throw Overlap(e).ToException();
        }
        catch (LineNotFoundException e)
        {
            throw RpcErrors.Rejected(new RoutingRejection(RejectionKind.NotFound, "LINE_NOT_FOUND", e.Message, new Dictionary<string, string>())).ToException();
        }
        catch (LineChangeRefusedException e)
        {
            throw RpcErrors.Invalid(e.Field, "CONFLICT", e.Message).ToException();
        }
    }

    private static Google.Rpc.Status Overlap(LineConflictException e) =>
        RpcErrors.Rejected(new RoutingRejection(RejectionKind.FailedPrecondition, "LINE_OVERLAP",
            $"The line would overlap {e.Conflicting.Describe()}. End that line first, or use SwitchProvider.",
            new Dictionary<string, string> { ["conflicting_line"] = e.Conflicting.LineId, ["address"] = e.Conflicting.Address }));
}
