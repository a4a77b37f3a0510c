using Microsoft.Extensions.Options;
using Qweeby.Routing.Data.Exchange;

namespace Qweeby.Routing.Server.Exchange;

/// <summary>
/// Gives committed status events their place in the stream (<see cref="TransmissionEventLog.SequenceAsync"/>):
/// at once when this host wrote some, otherwise every <see cref="ExchangeOptions.PollInterval"/> for
/// those of other hosts (the admin host's replays included). Every routing host runs one; they take
/// turns on an advisory lock (with the outbox's outcome recorder and ReceiveStatus, which number in their own transactions).
/// Numberings look for unnumbered rows from a window below the last ones numbered; every
/// <see cref="ExchangeOptions.SweepInterval"/> this one looks from the lowest id, for rows of transactions that stayed
/// open past that window (they reach the streams late, never out of order: a number is given when the row is found).
/// </summary>
public sealed class EventSequencer(
    TransmissionEventLog log,
    ExchangeEventSignals signals,
    IOptions<ExchangeOptions> options,
    TimeProvider time,
    ILogger<EventSequencer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        long? sweptAt = null; // the first numbering sweeps: rows a stopped host left below the window go at once
        while (!stoppingToken.IsCancellationRequested)
        {
            var written = signals.Written.Next;
            try
            {
                // The pass from the lowest id walks every index entry numbered since the last VACUUM: not every time.
                var sweep = sweptAt is not { } at || time.GetElapsedTime(at) >= options.Value.SweepInterval;
                var sequenced = await log.SequenceAsync(TransmissionEventLog.NumberingBatchSize, fromLowest: sweep, stoppingToken);
                if (sweep)
                    sweptAt = time.GetTimestamp();
                if (sequenced > 0)
                    signals.Sequenced.Pulse();
                if (sequenced < TransmissionEventLog.NumberingBatchSize)
                    await Broadcast.WaitAsync(written, options.Value.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) // the top of a worker loop: log, back off, carry on
            {
                logger.LogError(e, "Sequencing status events failed; trying again in {Delay}", options.Value.PollInterval);
                await Task.Delay(options.Value.PollInterval, time, stoppingToken);
            }
        }
    }
}
