namespace Qweeby.Routing.Server.Exchange;

/// <summary>
/// Commits the items of concurrent callers together: the items that arrive while one group commits form
/// the next group, committed by one call of <c>commit</c> (one transaction), which answers a result per
/// item, in order. Each caller's task completes when its own group's commit has returned, or fails with
/// it: nothing is acknowledged before it is durable. There is no timer: a lone item commits at once, and
/// groups grow only while commits queue up.
/// </summary>
/// <param name="commitAloneWhen">
/// Which failures of a group of several may be one item's (see <see cref="ItemFailures"/>): then each of its items is
/// committed alone, so that an item that cannot be committed fails only its own caller. Other failures (Postgres away, a
/// timeout) fail the group at once. Only for a <paramref name="commit"/> that writes nothing when it throws (one
/// transaction) and can be repeated (an item whose commit was in doubt is found, not written twice).
/// </param>
public sealed class GroupCommit<TItem, TResult>(Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> commit,
    Func<Exception, bool>? commitAloneWhen = null)
{
    private readonly Lock _gate = new();
    private List<(TItem Item, TaskCompletionSource<TResult> Committed)> _next = [];
    private bool _committing;

    public Task<TResult> CommitAsync(TItem item)
    {
        var committed = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool start;
        lock (_gate)
        {
            _next.Add((item, committed));
            start = !_committing;
            _committing = true;
        }
        if (start)
            _ = Task.Run(CommitGroupsAsync);
        return committed.Task;
    }

    private async Task CommitGroupsAsync()
    {
        while (true)
        {
            List<(TItem Item, TaskCompletionSource<TResult> Committed)> group;
            lock (_gate)
            {
                if (_next.Count == 0)
                {
                    _committing = false;
                    return;
                }
                (group, _next) = (_next, []);
            }
            try
            {
                var results = await CommitAsync([.. group.Select(g => g.Item)]);
                for (var i = 0; i < group.Count; i++)
                    group[i].Committed.TrySetResult(results[i]);
            }
            catch (Exception e) when (group.Count > 1 && commitAloneWhen?.Invoke(e) == true)
            {
                foreach (var g in group)
                    await CommitAloneAsync(g.Item, g.Committed);
            }
            catch (Exception e) // every caller of the group learns that its item was not committed
            {
                foreach (var g in group)
                    g.Committed.TrySetException(e);
            }
        }
    }

    private async Task CommitAloneAsync(TItem item, TaskCompletionSource<TResult> committed)
    {
        try
        {
            committed.TrySetResult((await CommitAsync([item]))[0]);
        }
        catch (Exception e)
        {
            committed.TrySetException(e);
        }
    }

    /// <summary>The commit, held to answering one result per item: a caller left without one would wait for ever.</summary>
    private async Task<IReadOnlyList<TResult>> CommitAsync(IReadOnlyList<TItem> items)
    {
        var results = await commit(items);
        return results.Count == items.Count ? results
            : throw new InvalidOperationException($"A group commit answered {results.Count} results for {items.Count} items.");
    }
}
