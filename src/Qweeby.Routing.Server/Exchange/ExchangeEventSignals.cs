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

    /// <summary>A transaction of this host numbered <paramref name="count"/> events and statuses as it committed.</summary>
    public void Numbered(int count)
    {
        if (count > 0)
            Sequenced.Pulse();
        if (count >= Data.Exchange.TransmissionEventLog.NumberingBatchSize)
            Written.Pulse(); // more wait: the sequencer takes them
    }
}
