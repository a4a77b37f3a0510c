using System.Globalization;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Data.Exchange;
using Qweeby.Routing.Hosting.Grpc;

namespace Qweeby.Routing.Server.Exchange;

/// <summary>
/// WatchTransmissions: the backlog after the cursor, then live events, from one read loop over the
/// sequenced stream (see <see cref="TransmissionEventLog"/>), so the last cursor sent is a safe place to
/// resume: nothing can still appear before it. Events this host sequences wake the loop at once; others
/// are found within <see cref="ExchangeOptions.PollInterval"/>.
/// </summary>
public sealed class TransmissionWatch(
    TransmissionEventLog log,
    PartyLookup parties,
    ExchangeEventSignals signals,
    IOptions<ExchangeOptions> options,
    TimeProvider time)
{
    private const int ReadSize = 500;

    public async Task WatchAsync(WatchTransmissionsRequest request, IServerStreamWriter<TransmissionEvent> stream, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        ExchangeAccess.DemandTransmissionReader(context);
        var sender = await parties.EntityIdAsync("sender", request.Sender, id => ExchangeAccess.DemandTransmissionReader(context, id), ct);
        long position;
        if (request.Cursor.Length == 0)
            position = await log.CurrentPositionAsync(ct);
        else if (!long.TryParse(request.Cursor, NumberStyles.None, CultureInfo.InvariantCulture, out position))
            throw RpcErrors.Invalid("cursor", "FORMAT", "Pass back a cursor exactly as a TransmissionEvent carried it, or none to start from now.").ToException();
        // Headers tell the watcher its stream is positioned: whatever happens from here on reaches it.
        await context.WriteResponseHeadersAsync([]);

        try
        {
            while (!ct.IsCancellationRequested)
            {
                var wake = signals.Sequenced.Next;
                var batch = await log.ReadAfterAsync(sender, position, ReadSize, ct);
                foreach (var e in batch)
                {
                    await stream.WriteAsync(e.ToProto(), ct);
                    position = e.Sequence!.Value;
                }
                if (batch.Count < ReadSize)
                    await Broadcast.WaitAsync(wake, options.Value.PollInterval, time, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The watcher went away; it resumes with the last cursor it received.
        }
    }
}
