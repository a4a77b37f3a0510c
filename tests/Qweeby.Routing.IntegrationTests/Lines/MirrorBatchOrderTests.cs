using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Data.Addressing;
using Qweeby.Routing.IntegrationTests.Infrastructure;
using MirrorMode = Qweeby.Routing.Data.Addressing.MirrorMode;

namespace Qweeby.Routing.IntegrationTests.Lines;

/// <summary>
/// A file of many batches: each batch stages its rows while the one before it writes, yet the batches write in file
/// order, each seeing what the ones before it wrote, and none writes after one that failed.
/// </summary>
public sealed class MirrorBatchOrderTests(LinesFixture fx) : IClassFixture<LinesFixture>
{
    private const int BatchSize = 3;

    private Task<MirrorImportReport> LoadAsync(IEnumerable<string> rows) =>
        fx.Admin.Services.GetRequiredService<MirrorImport>().LoadAsync(
            new StringReader(string.Join('\n', ["line_id,siren,siret,routing_code,suffix,platform_id,valid_from,valid_to", .. rows])),
            MirrorMode.Delta, "test", TestContext.Current.CancellationToken, BatchSize);

    [Fact]
    public async Task Batches_write_in_file_order_and_each_sees_the_lines_the_ones_before_it_wrote()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var moving = TestIds.Siren();
        var taken = TestIds.Siren();
        var rows = new List<string>();
        for (var n = 0; n < 8 * BatchSize; n++)
            rows.Add(LinesFixture.MirrorRow($"F-{tag}-{n}", TestIds.Siren(), "PF"));
        // One line changes platform in the first, fourth and seventh batches; a line of the second batch is
        // overlapped by a row of the sixth.
        rows[0] = LinesFixture.MirrorRow($"M-{tag}", moving, "P1");
        rows[3 * BatchSize] = LinesFixture.MirrorRow($"M-{tag}", moving, "P2");
        rows[6 * BatchSize + 1] = LinesFixture.MirrorRow($"M-{tag}", moving, "P3");
        rows[BatchSize + 2] = LinesFixture.MirrorRow($"T-{tag}", taken, "P1");
        rows[5 * BatchSize] = LinesFixture.MirrorRow($"O-{tag}", taken, "P9", from: "2026-05-01");

        var report = await LoadAsync(rows);

        Assert.Equal((rows.Count - 3, 2), (report.Created, report.Changed));
        var refusal = Assert.Single(report.Rejected);
        Assert.Equal(5 * BatchSize + 2, refusal.RowNumber);
        Assert.Contains($"T-{tag}", refusal.Reason, StringComparison.Ordinal);
        var lines = await fx.Lines.GetLinesAsync(new GetLinesRequest { Entity = moving });
        Assert.Equal("P3", Assert.Single(lines.Current).PlatformId);
        Assert.Equal(["P1", "P2", "P3"], lines.History.OrderBy(v => v.Line.Version).Select(v => v.Line.PlatformId));
    }

    [Fact]
    public async Task When_a_batch_fails_the_import_fails_and_no_batch_after_it_is_written()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var rows = Enumerable.Range(0, 6 * BatchSize).Select(n => LinesFixture.MirrorRow($"B-{tag}-{n}", TestIds.Siren(), "PB")).ToList();
        // The database refuses one line of the third batch, as a failing disk or a lost connection would.
        await ExecAsync($"""
            CREATE FUNCTION refuse_{tag}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by test'; END $$;
            CREATE TRIGGER refuse_{tag} BEFORE INSERT ON directory_line FOR EACH ROW
                WHEN (NEW.line_id = 'B-{tag}-{2 * BatchSize + 1}') EXECUTE FUNCTION refuse_{tag}();
            """);
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => LoadAsync(rows));
        }
        finally
        {
            await ExecAsync($"DROP TRIGGER refuse_{tag} ON directory_line; DROP FUNCTION refuse_{tag}();");
        }

        await using var count = fx.Database.DataSource.CreateCommand(
            $"SELECT array_agg(split_part(line_id, '-', 3)::int ORDER BY 1) FROM directory_line WHERE line_id LIKE 'B-{tag}-%'");
        var written = (int[])(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal(Enumerable.Range(0, 2 * BatchSize), written);
    }

    private async Task ExecAsync(string sql)
    {
        await using var cmd = fx.Database.DataSource.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
