namespace Qweeby.Routing.Server.Exchange;

/// <summary>
/// Wakes everyone waiting on <see cref="Next"/> at once. A waiter takes <see cref="Next"/> before it
/// looks for work, so a pulse between its look and its wait is never missed.
/// </summary>
public sealed class Broadcast
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next => Volatile.Read(ref _next).Task;

    public void Pulse() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Returns when <paramref name="next"/> completes or after <paramref name="timeout"/>; throws only when <paramref name="ct"/> is cancelled.</summary>
    public static async Task WaitAsync(Task next, TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        using var nap = CancellationTokenSource.CreateLinkedTokenSource(ct);
        await Task.WhenAny(next, Task.Delay(timeout, time, nap.Token));
        await nap.CancelAsync();
        ct.ThrowIfCancellationRequested();
    }
}
