using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Qweeby.Routing.Hosting.Options;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Contracts.V1;
using MirrorImport = Qweeby.Routing.Data.Addressing.MirrorImport;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Lines;

public sealed class MirrorImportTests(LinesFixture fx) : IClassFixture<LinesFixture>
{
    private Task<ImportMirrorReply> ImportAsync(MirrorMode mode, params string[] rows) => fx.ImportMirrorAsync(mode, rows);

    private static string Row(string id, string siren, string platform, string from = "2026-01-01", string to = "", string siret = "") =>
        LinesFixture.MirrorRow(id, siren, platform, from, to, siret);

    [Fact]
    public async Task A_delta_creates_changes_and_ends_lines_and_loading_it_again_changes_nothing()
    {
        var a = TestIds.Siren();
        var b = TestIds.Siren();
        var c = TestIds.Siren();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var first = await ImportAsync(MirrorMode.Delta, Row($"A-{tag}", a, "P1"), Row($"B-{tag}", b, "P1"), Row($"C-{tag}", c, "P1"));
        Assert.Equal((3, 0, 0, 0), (first.Created, first.Changed, first.Ended, first.Unchanged));

        string[] delta = [Row($"A-{tag}", a, "P2"), Row($"B-{tag}", b, "P1", to: "2026-06-01"), Row($"C-{tag}", c, "P1"), Row($"D-{tag}", TestIds.Siren(), "P3")];
        var second = await ImportAsync(MirrorMode.Delta, delta);
        var again = await ImportAsync(MirrorMode.Delta, delta);

        Assert.Equal((1, 1, 1, 1), (second.Created, second.Changed, second.Ended, second.Unchanged));
        Assert.Equal((0, 0, 0, 4), (again.Created, again.Changed, again.Ended, again.Unchanged));
        var lines = await fx.Lines.GetLinesAsync(new GetLinesRequest { Entity = a });
        Assert.Equal("P2", Assert.Single(lines.Current).PlatformId);
        Assert.Equal(2, lines.History.Count);
    }

    [Fact]
    public async Task Bad_rows_are_reported_with_row_field_and_reason_and_the_good_ones_applied()
    {
        var siren = TestIds.Siren();
        var tag = Guid.NewGuid().ToString("N")[..8];

        var reply = await ImportAsync(MirrorMode.Delta,
            Row($"G-{tag}", siren, "P1"),
            Row($"H-{tag}", "732829321", "P1"),
            Row($"I-{tag}", siren, "P1", from: "2026-02-01"),
            "not,a,row",
            Row($"G-{tag}", siren, "P9", from: "2027-01-01"));

        Assert.Equal(1, reply.Created);
        Assert.Equal([(3, "siren"), (4, "valid_from"), (5, "row"), (6, "line_id")], reply.Rejected.Select(r => (r.Row, r.Field)));
        Assert.All(reply.Rejected, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
    }

    [Fact]
    public async Task A_line_kept_by_its_rejected_row_still_refuses_a_row_overlapping_it()
    {
        var a = TestIds.Siren();
        var b = TestIds.Siren();
        var tag = Guid.NewGuid().ToString("N")[..8];
        await ImportAsync(MirrorMode.Delta, Row($"X-{tag}", a, "P1"), Row($"Z-{tag}", b, "P1"));

        // X would move onto Z's address (refused), so X stays at A, where Y would overlap it.
        var reply = await ImportAsync(MirrorMode.Delta, Row($"X-{tag}", b, "P2"), Row($"Y-{tag}", a, "P3"));

        Assert.Equal(0, reply.Created + reply.Changed);
        Assert.Equal([2, 3], reply.Rejected.Select(r => r.Row));
        Assert.Contains($"Z-{tag}", reply.Rejected[0].Reason, StringComparison.Ordinal);
        Assert.Contains($"X-{tag}", reply.Rejected[1].Reason, StringComparison.Ordinal);
        Assert.Equal($"X-{tag}", Assert.Single((await fx.Lines.GetLinesAsync(new GetLinesRequest { Entity = a })).Current).LineId);
    }

    [Fact]
    public async Task A_full_extract_ends_the_current_lines_it_does_not_mention()
    {
        var kept = TestIds.Siren();
        var dropped = TestIds.Siren();
        var tag = Guid.NewGuid().ToString("N")[..8];
        await ImportAsync(MirrorMode.Delta, Row($"K-{tag}", kept, "P1"), Row($"X-{tag}", dropped, "P1"));

        var full = await ImportAsync(MirrorMode.Full, Row($"K-{tag}", kept, "P1"));

        Assert.True(full.Ended >= 1);
        var droppedLines = await fx.Lines.GetLinesAsync(new GetLinesRequest { Entity = dropped });
        Assert.NotNull(Assert.Single(droppedLines.Current).ValidTo);
        Assert.Null(Assert.Single((await fx.Lines.GetLinesAsync(new GetLinesRequest { Entity = kept })).Current).ValidTo);
    }

    [Fact]
    public async Task A_full_extract_whose_upload_breaks_before_its_end_ends_nothing()
    {
        var kept = TestIds.Siren();
        var unsent = TestIds.Siren();
        var tag = Guid.NewGuid().ToString("N")[..8];
        await ImportAsync(MirrorMode.Delta, Row($"K-{tag}", kept, "P1"), Row($"U-{tag}", unsent, "P1"));

        using var call = fx.Lines.ImportMirror();
        // A whole batch before the break, so that one commits (and records what it saw) before the import fails.
        var sent = Enumerable.Range(0, MirrorImport.DefaultBatchSize).Select(i => Row($"F-{tag}-{i}", TestIds.Siren(), "P1"));
        var head = Encoding.UTF8.GetBytes(string.Join('\n', ["line_id,siren,siret,routing_code,suffix,platform_id,valid_from,valid_to", Row($"K-{tag}", kept, "P1"), .. sent, ""]));
        foreach (var part in head.Chunk(1024 * 1024))
            await call.RequestStream.WriteAsync(new ImportMirrorChunk { Mode = MirrorMode.Full, Data = ByteString.CopyFrom(part) }, Ct);
        try
        {
            // Over the host's message limit: the upload fails there, without the client cancelling the call.
            var limit = fx.Admin.Services.GetRequiredService<IOptions<LimitsOptions>>().Value.MaxReceiveMessageBytes;
            await call.RequestStream.WriteAsync(new ImportMirrorChunk { Data = ByteString.CopyFrom(new byte[limit + 1]) }, Ct);
            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // The host may have answered already.
        }

        var failure = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, failure.StatusCode);
        var unsentLines = await fx.Lines.GetLinesAsync(new GetLinesRequest { Entity = unsent }, cancellationToken: Ct);
        Assert.Null(Assert.Single(unsentLines.Current).ValidTo);
        Assert.Single((await fx.Lines.GetLinesAsync(new GetLinesRequest { Entity = kept }, cancellationToken: Ct)).Current);
        // What the failed extract saw is forgotten, as a completed one forgets it (this class's imports run one at a time).
        await using var seen = fx.Database.DataSource.CreateCommand("SELECT count(*) FROM line_import_seen");
        Assert.Equal(0L, await seen.ExecuteScalarAsync(Ct));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_file_without_line_breaks_is_refused_past_the_line_limit_and_a_full_extract_ends_nothing()
    {
        var unsent = TestIds.Siren();
        var tag = Guid.NewGuid().ToString("N")[..8];
        await ImportAsync(MirrorMode.Delta, Row($"N-{tag}", unsent, "P1"));

        using var call = fx.Lines.ImportMirror();
        var junk = Encoding.UTF8.GetBytes("line_id,siren,siret,routing_code,suffix,platform_id,valid_from,valid_to\n" +
            new string('A', 2 * Qweeby.Routing.Admin.Lines.DirectoryLinesService.MaxLineBytes));
        try
        {
            foreach (var part in junk.Chunk(16 * 1024))
                await call.RequestStream.WriteAsync(new ImportMirrorChunk { Mode = MirrorMode.Full, Data = ByteString.CopyFrom(part) }, Ct);
            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // The host may have answered already.
        }

        var refused = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(("data", "LINE_TOO_LONG"), (refused.Violations().Single().Field, refused.Violations().Single().Reason));
        Assert.Null(Assert.Single((await fx.Lines.GetLinesAsync(new GetLinesRequest { Entity = unsent }, cancellationToken: Ct)).Current).ValidTo);
    }

    [Fact]
    public async Task A_file_of_mostly_bad_rows_lists_the_first_thousand_counts_them_all_and_applies_the_good_ones()
    {
        var good = TestIds.Siren();
        var tag = Guid.NewGuid().ToString("N")[..8];
        string[] rows = [.. Enumerable.Range(0, 2_500).Select(i => Row($"BAD-{tag}-{i}", "732829321", "P1")), Row($"GOOD-{tag}", good, "P1")];

        var reply = await ImportAsync(MirrorMode.Delta, rows);

        Assert.Equal((2_500, 1_000, 1), (reply.RejectedCount, reply.Rejected.Count, reply.Created));
        Assert.Equal(Enumerable.Range(2, 1_000), reply.Rejected.Select(r => r.Row));
        Assert.All(reply.Rejected, r => Assert.Equal("siren", r.Field));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_full_extract_with_rejected_rows_or_no_rows_ends_nothing(bool withRows)
    {
        var kept = TestIds.Siren();
        var other = TestIds.Siren();
        var tag = Guid.NewGuid().ToString("N")[..8];
        await ImportAsync(MirrorMode.Delta, Row($"K-{tag}", kept, "P1"), Row($"O-{tag}", other, "P1"));

        var full = withRows
            ? await ImportAsync(MirrorMode.Full, Row($"K-{tag}", kept, "P1"), Row($"O-{tag}", "732829321", "P1"))
            : await ImportAsync(MirrorMode.Full);

        Assert.True(full.UnseenKept);
        Assert.Equal(0, full.Ended);
        Assert.Null(Assert.Single((await fx.Lines.GetLinesAsync(new GetLinesRequest { Entity = other }, cancellationToken: Ct)).Current).ValidTo);
    }

    [Fact]
    public async Task An_imported_switch_reroutes_the_next_resolve_at_once()
    {
        var (siren, _, _) = await fx.CompanyAsync();
        var p1 = await fx.Seed.ProviderAsync();
        var p2 = await fx.Seed.ProviderAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var request = new ResolveRequest { Recipient = new RecipientReference { Identifier = siren } };
        await ImportAsync(MirrorMode.Delta, Row($"S-{tag}", siren, p1, from: "2025-01-01"));
        Assert.Equal(p1, (await fx.Directory.ResolveAsync(request)).Route.Provider.ProviderId);

        await ImportAsync(MirrorMode.Delta, Row($"S-{tag}", siren, p2, from: "2025-01-01"));

        await Eventually.True(async () => (await fx.Directory.ResolveAsync(request)).Route.Provider.ProviderId == p2, TimeSpan.FromSeconds(2), "the imported platform");
    }
}
