using System.Threading.Channels;

namespace Qweeby.Routing.Server.Exchange;

/// <summary>
/// Wakes this host's outbox claimer as soon as there may be work (a Submit or Receive committed, an
/// outcome took a row out so a later status of its invoice may be due). Work made elsewhere (another
/// host, a replay from the admin host) is found by polling. Pulses while nobody waits collapse into one.
/// </summary>
public sealed class OutboxSignal(TimeProvider time)
{
    private readonly Channel<bool> _pulses = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Pulse() => _pulses.Writer.TryWrite(true);

    /// <summary>Returns on a pulse, after <paramref name="timeout"/>, or when <paramref name="ct"/> is cancelled (never throws for that).</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var timer = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        try
        {
            await _pulses.Reader.ReadAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            // The poll interval passed (look anyway), or the host is stopping (the caller sees its token).
        }
    }
}
