namespace Qweeby.Routing.Server.Exchange;

/// <summary>
/// This host's news about status events: <see cref="Written"/> when it committed some (wakes the
/// sequencer), <see cref="Sequenced"/> when they got their place in the stream (wakes watch streams).
/// What other hosts do is found by polling.
/// </summary>
public sealed class ExchangeEventSignals
{
    public Broadcast Written { get; } = new();

    public Broadcast Sequenced { get; } = new();
}
