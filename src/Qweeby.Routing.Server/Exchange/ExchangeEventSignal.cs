namespace Qweeby.Routing.Server.Exchange;

/// <summary>
/// Tells every watch stream of this host that status events were committed here. Events committed by
/// other hosts are found by polling. A stream takes <see cref="Next"/> before it reads, so a pulse
/// between its read and its wait is never missed.
/// </summary>
public sealed class ExchangeEventSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next => Volatile.Read(ref _next).Task;

    public void Pulse() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
