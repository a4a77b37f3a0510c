namespace Qweeby.Routing.Server.Exchange;

/// <summary>
/// Commits the items of concurrent callers together: the items that arrive while one group commits form
/// the next group, committed by one call of <c>commit</c> (one transaction). Each caller's task completes
/// when its own group's commit has returned, or fails with it: nothing is acknowledged before it is
/// durable. There is no timer: a lone item commits at once, and groups grow only as commits queue up.
/// </summary>
public sealed class GroupCommit<T>(Func<IReadOnlyList<T>, Task> commit)
{
    private readonly Lock _gate = new();
    private List<(T Item, TaskCompletionSource Committed)> _next = [];
    private bool _committing;

    public Task CommitAsync(T item)
    {
        var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
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
            List<(T Item, TaskCompletionSource Committed)> group;
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
                await commit([.. group.Select(g => g.Item)]);
                foreach (var g in group)
                    g.Committed.TrySetResult();
            }
            catch (Exception e) // every caller of the group learns that its item was not committed
            {
                foreach (var g in group)
                    g.Committed.TrySetException(e);
            }
        }
    }
}
