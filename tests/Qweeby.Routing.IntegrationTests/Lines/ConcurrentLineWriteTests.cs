using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Npgsql;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Lines;

/// <summary>
/// No constraint refuses overlapping lines (migration 0008): writers check, under the line-write lock. Each test
/// holds the table against writes until both writers are blocked, so both have run their checks (or wait for the
/// lock) before either writes: without the lock, both would find no overlap and both lines would be current.
/// </summary>
public sealed class ConcurrentLineWriteTests(LinesFixture fx) : IClassFixture<LinesFixture>
{
    [Fact]
    public async Task Two_imports_racing_on_the_same_addresses_leave_one_current_line_each_and_the_other_rejected_naming_it()
    {
        var sirens = Enumerable.Range(0, 20).Select(_ => TestIds.Siren()).ToArray();
        var tag = Guid.NewGuid().ToString("N")[..8];
        string[] File(string name) => [.. sirens.Select((s, i) => LinesFixture.MirrorRow($"{name}-{tag}-{i}", s, name))];

        var (first, second) = await WhileWritesAreHeldAsync(2,
            () => fx.ImportMirrorAsync(MirrorMode.Delta, File("PA")), () => fx.ImportMirrorAsync(MirrorMode.Delta, File("PB")));

        var (winner, loser, winnerName) = first.Created > 0 ? (first, second, "PA") : (second, first, "PB");
        Assert.Equal((sirens.Length, 0), (winner.Created, loser.Created));
        Assert.Equal(sirens.Length, loser.Rejected.Count);
        Assert.All(loser.Rejected, r => Assert.Contains($"{winnerName}-{tag}-{r.Row - 2}", r.Reason, StringComparison.Ordinal));
        foreach (var siren in sirens)
            Assert.Equal(winnerName, Assert.Single((await fx.Lines.GetLinesAsync(new GetLinesRequest { Entity = siren })).Current).PlatformId);
    }

    [Fact]
    public async Task An_admin_line_and_an_import_racing_on_one_address_leave_one_current_line_and_the_other_refused_naming_it()
    {
        var siren = TestIds.Siren();
        var importedId = $"IMP-{Guid.NewGuid():N}";
        var create = new CreateLineRequest { Siren = siren, PlatformId = "PADMIN", ValidFrom = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero)) };

        var (created, imported) = await WhileWritesAreHeldAsync(2,
            async () => await CaughtAsync(() => fx.Lines.CreateLineAsync(create).ResponseAsync),
            () => fx.ImportMirrorAsync(MirrorMode.Delta, LinesFixture.MirrorRow(importedId, siren, "PIMPORT")));

        var current = Assert.Single((await fx.Lines.GetLinesAsync(new GetLinesRequest { Entity = siren })).Current);
        if (created.Line is { } line)
        {
            Assert.Equal(line.LineId, current.LineId);
            Assert.Contains(line.LineId, Assert.Single(imported.Rejected).Reason, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal((importedId, 1), (current.LineId, imported.Created));
            Assert.Equal("LINE_OVERLAP", created.Failure!.Reason());
            Assert.Contains(importedId, created.Failure.Status.Detail, StringComparison.Ordinal);
        }
    }

    private static async Task<(Contracts.Admin.V1.DirectoryLine? Line, RpcException? Failure)> CaughtAsync(Func<Task<Contracts.Admin.V1.DirectoryLine>> call)
    {
        try
        {
            return (await call(), null);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
        {
            return (null, e);
        }
    }

    /// <summary>
    /// Runs both writers while a transaction holds directory_line in SHARE mode (reads pass, writes wait), and
    /// lets them write once <paramref name="waiting"/> sessions wait on a lock: each writer is then either blocked
    /// before its first write, its checks done, or blocked on the line-write lock, behind the other.
    /// </summary>
    private async Task<(T1, T2)> WhileWritesAreHeldAsync<T1, T2>(int waiting, Func<Task<T1>> first, Func<Task<T2>> second)
    {
        Task<T1> one;
        Task<T2> two;
        await using (var holder = await fx.Database.DataSource.OpenConnectionAsync())
        await using (var hold = await holder.BeginTransactionAsync())
        {
            await using (var lockTable = new NpgsqlCommand("LOCK TABLE directory_line IN SHARE MODE", holder, hold))
                await lockTable.ExecuteNonQueryAsync();
            one = first();
            two = second();
            await Eventually.True(async () => await WaitingOnLocksAsync() >= waiting, TimeSpan.FromSeconds(30), $"{waiting} writers waiting on locks");
            await hold.RollbackAsync();
        }
        return (await one, await two);
    }

    private async Task<long> WaitingOnLocksAsync()
    {
        await using var cmd = fx.Database.DataSource.CreateCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
