namespace Qweeby.Routing.Data.Addressing;

/// <summary>
/// A mirror batch's place in its import. A batch stages its rows while the one before it writes, but it reads
/// and writes the lines only after that one has ended: it waits for <see cref="LineWriteLock"/>, which the batch
/// before holds until its commit, then for that batch's outcome, and goes no further if it failed (the file is
/// applied in order, or not beyond the first failure).
/// </summary>
internal sealed class BatchTurn(Task previous)
{
    private readonly TaskCompletionSource _locked = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static BatchTurn First => new(Task.CompletedTask);

    /// <summary>Completes when the batch holds the line write lock: the next batch may start staging.</summary>
    public Task Locked => _locked.Task;

    /// <summary>Called by the batch holding the line write lock.</summary>
    public async Task TakeAsync()
    {
        _locked.TrySetResult();
        try
        {
            await previous;
        }
        catch (Exception e)
        {
            throw new InvalidOperationException("Mirror batch not applied: the batch before it failed.", e);
        }
    }
}
