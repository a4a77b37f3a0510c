using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Core.Addressing;

namespace Qweeby.Routing.Cli.Admin;

/// <summary>qweeby lines: the French directory lines (platform administrators).</summary>
internal static class LineCommands
{
    public static readonly AdminCommand[] All =
    [
        new("lines", "show", ["ENTITY"],
            "A company's current lines and every version of them (SIREN, SIRET, French VAT or 0225 address), a page of lines at a time.",
            ["--page-size", "--page-token"], [],
            async c => await Client(c).GetLinesAsync(new GetLinesRequest
            {
                Entity = c.Arg(0), PageSize = AdminCommands.Number(c, "--page-size"), PageToken = c.One("--page-token") ?? "",
            }, deadline: c.Deadline)),
        new("lines", "create", ["SIREN", "PLATFORM", "VALID_FROM"],
            "Creates a line; --siret for an establishment, with --routing-code for a service of it, or --suffix; --to ends it.",
            ["--siret", "--routing-code", "--suffix", "--to", "--line-id"], [],
            async c => await Client(c).CreateLineAsync(new CreateLineRequest
            {
                Siren = c.Arg(0), PlatformId = c.Arg(1), ValidFrom = Date(c.Arg(2), "VALID_FROM"), ValidTo = OptionalDate(c.One("--to"), "--to"),
                Siret = c.One("--siret") ?? "", RoutingCode = c.One("--routing-code") ?? "", Suffix = c.One("--suffix") ?? "", LineId = c.One("--line-id") ?? "",
            }, deadline: c.Deadline)),
        new("lines", "end", ["LINE_ID", "AT"], "Ends a line at a date.", [], [],
            async c => await Client(c).EndLineAsync(new EndLineRequest { LineId = c.Arg(0), At = Date(c.Arg(1), "AT") }, deadline: c.Deadline)),
        new("lines", "switch", ["ADDRESS", "PLATFORM", "AT"],
            "Moves an address (SIREN, SIREN_SIRET, ...) to another platform from a date: the old line ends then, the new one starts then.", [], [],
            async c => await Client(c).SwitchProviderAsync(new SwitchProviderRequest { Address = c.Arg(0), PlatformId = c.Arg(1), At = Date(c.Arg(2), "AT") },
                deadline: c.Deadline)),
        new("lines", "import", ["FILE"],
            "Loads a central-directory extract (README: Mirror file format); --full ends current lines the file does not mention. Exit 8 when rows were rejected.",
            ["--chunk-kib"], ["--full"], ImportAsync, ["row", "field", "reason"]),
    ];

    private static DirectoryLines.DirectoryLinesClient Client(AdminCall c) => new(c.Invoker);

    private static async Task<IMessage> ImportAsync(AdminCall c)
    {
        var path = c.Arg(0);
        var progress = ChunkedUpload.ProgressFor(c, path);
        var mode = c.Has("--full") ? MirrorMode.Full : MirrorMode.Delta;
        // A national extract takes minutes: no deadline, Ctrl-C stops it (committed batches stay).
        using var call = Client(c).ImportMirror();
        await ChunkedUpload.SendAsync(c, path,
            (_, data) => call.RequestStream.WriteAsync(new ImportMirrorChunk { Mode = mode, Data = ByteString.CopyFrom(data.Span) }),
            call.RequestStream.CompleteAsync, progress);
        var reply = await call;
        progress.Done($"{reply.Created} created, {reply.Changed} changed, {reply.Ended} ended, {reply.Unchanged} unchanged, {Rejections.Summary(reply.RejectedCount, reply.Rejected.Count, "rejected")}." +
            (reply.UnseenKept ? " Nothing ended: a FULL extract with rejected rows (or none) cannot name every line; fix them and load it again." : ""));
        return reply;
    }

    private static Timestamp Date(string text, string what) =>
        MirrorFile.ParseDate(text) is { } date
            ? Timestamp.FromDateTimeOffset(date)
            : throw new CliUsageException($"{what} '{text}' is not a date: use YYYY-MM-DD or an RFC 3339 timestamp.");

    private static Timestamp? OptionalDate(string? text, string what) => text is null ? null : Date(text, what);
}
