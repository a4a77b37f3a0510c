using Npgsql;
using Qweeby.Routing.IntegrationTests.Infrastructure;
using Qweeby.Routing.Server.Exchange;

namespace Qweeby.Routing.IntegrationTests.Exchange;

/// <summary>
/// <see cref="GroupCommit{TItem, TResult}"/> over a real table: items that arrive while a group commits go
/// together in the next transaction, and a caller hears "committed" only when its own group's transaction did.
/// </summary>
public sealed class GroupCommitTests : IAsyncDisposable
{
    private TestDatabase? _database;

    [Fact]
    public async Task Items_arriving_during_a_commit_share_the_next_one_and_a_failed_group_acknowledges_none_of_its_items()
    {
        var db = _database = await TestDatabase.CreateAsync();
        await CreateTableAsync(db);
        var groups = new List<int[]>();
        var held = new Dictionary<int, TaskCompletionSource> { [1] = Signal(), [11] = Signal() };
        var entered = new Dictionary<int, TaskCompletionSource> { [1] = Signal(), [11] = Signal() };
        var group = new GroupCommit<int, bool>(async ids =>
        {
            lock (groups)
                groups.Add([.. ids]);
            if (held.TryGetValue(ids[0], out var gate))
            {
                entered[ids[0]].SetResult();
                await gate.Task;
            }
            return await InsertAsync(db, ids);
        });

        // 1 commits alone while 2..10 arrive; they go together. Then 11 alone while 12..15 and -1 (refused by the table) arrive.
        var first = group.CommitAsync(1);
        await entered[1].Task;
        var second = Enumerable.Range(2, 9).Select(group.CommitAsync).ToList();
        held[1].SetResult();
        await first;
        await Task.WhenAll(second);
        var third = group.CommitAsync(11);
        await entered[11].Task;
        var fourth = new[] { 12, 13, -1, 14, 15 }.Select(id => (Id: id, Committed: group.CommitAsync(id))).ToList();
        held[11].SetResult();
        await third;
        foreach (var (_, committed) in fourth)
            await Assert.ThrowsAsync<PostgresException>(() => committed);

        Assert.Equal([[1], [2, 3, 4, 5, 6, 7, 8, 9, 10], [11], [12, 13, -1, 14, 15]], groups);
        Assert.Equal(Enumerable.Range(1, 11), await StoredAsync(db));
    }

    [Fact]
    public async Task An_item_that_breaks_a_constraint_fails_alone_and_the_others_of_its_group_commit()
    {
        var db = _database = await TestDatabase.CreateAsync();
        await CreateTableAsync(db);
        var commits = new List<int[]>();
        var (entered, held) = (Signal(), Signal());
        var group = new GroupCommit<int, bool>(async ids =>
        {
            lock (commits)
                commits.Add([.. ids]);
            if (ids[0] == 0)
            {
                entered.SetResult();
                await held.Task;
            }
            return await InsertAsync(db, ids);
        }, ItemFailures.MayBeOneItems);

        var first = group.CommitAsync(0);
        await entered.Task;
        var next = new[] { 1, 2, -1, 3 }.Select(id => (Id: id, Committed: group.CommitAsync(id))).ToList();
        held.SetResult();
        await first;

        foreach (var (id, committed) in next)
        {
            if (id < 0)
                await Assert.ThrowsAsync<PostgresException>(() => committed);
            else
                Assert.True(await committed);
        }
        Assert.Equal([[0], [1, 2, -1, 3], [1], [2], [-1], [3]], commits);
        var stored = await StoredAsync(db);
        Assert.Equal([0, 1, 2, 3], stored);
    }

    [Fact]
    public async Task A_failure_no_item_could_cause_fails_the_group_at_once_without_committing_each_alone()
    {
        var commits = new List<int[]>();
        var (entered, held) = (Signal(), Signal());
        var group = new GroupCommit<int, bool>(async ids =>
        {
            lock (commits)
                commits.Add([.. ids]);
            if (ids[0] != 0)
                throw new NpgsqlException("connection refused"); // Postgres away: every item alone would meet it again
            entered.SetResult();
            await held.Task;
            return [true];
        }, ItemFailures.MayBeOneItems);

        var first = group.CommitAsync(0);
        await entered.Task;
        var refused = new[] { 1, 2, 3 }.Select(group.CommitAsync).ToList();
        held.SetResult();
        await first;
        foreach (var committed in refused)
            await Assert.ThrowsAsync<NpgsqlException>(() => committed);

        Assert.Equal([[0], [1, 2, 3]], commits);
    }

    [Fact]
    public async Task A_commit_answering_fewer_results_than_items_fails_its_callers_instead_of_leaving_them_waiting()
    {
        var group = new GroupCommit<int, bool>(_ => Task.FromResult<IReadOnlyList<bool>>([]));

        await Assert.ThrowsAsync<InvalidOperationException>(() => group.CommitAsync(1).WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private static async Task CreateTableAsync(TestDatabase db)
    {
        await using var create = db.DataSource.CreateCommand("CREATE TABLE grouped (id int PRIMARY KEY CHECK (id >= 0))");
        await create.ExecuteNonQueryAsync();
    }

    /// <summary>One statement: one transaction.</summary>
    private static async Task<IReadOnlyList<bool>> InsertAsync(TestDatabase db, IReadOnlyList<int> ids)
    {
        await using var insert = db.DataSource.CreateCommand("INSERT INTO grouped SELECT unnest($1::int[])");
        insert.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        await insert.ExecuteNonQueryAsync();
        return [.. ids.Select(_ => true)];
    }

    private static async Task<int[]> StoredAsync(TestDatabase db)
    {
        await using var stored = db.DataSource.CreateCommand("SELECT array_agg(id ORDER BY id) FROM grouped");
        return (int[])(await stored.ExecuteScalarAsync())!;
    }

    private static TaskCompletionSource Signal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
            await _database.DisposeAsync();
    }
}
