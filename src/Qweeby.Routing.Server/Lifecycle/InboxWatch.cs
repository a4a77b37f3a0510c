using System.Globalization;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Data.Exchange;
using Qweeby.Routing.Data.Lifecycle;
using Qweeby.Routing.Hosting.Grpc;
using Qweeby.Routing.Server.Exchange;

namespace Qweeby.Routing.Server.Lifecycle;

/// <summary>
/// WatchInbox: a hosted recipient's stream of lifecycle statuses (its invoices arriving, 202 and 203, and
/// what their suppliers set), read exactly as <see cref="TransmissionWatch"/> reads a sender's: backlog
/// after the cursor, then live, from the one sequenced numbering, so a resumed watch misses and repeats nothing.
/// </summary>
public sealed class InboxWatch(
    InboxEventLog log,
    TransmissionEventLog positions,
    PartyLookup parties,
    ExchangeEventSignals signals,
    IOptions<ExchangeOptions> options,
    TimeProvider time)
{
    private const int ReadSize = 500;

    public async Task WatchAsync(WatchInboxRequest request, IServerStreamWriter<InboxEvent> stream, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var recipient = await parties.EntityIdAsync("recipient", request.Recipient, id => ExchangeAccess.DemandInboxReader(context, id), ct);
        long position;
        if (request.Cursor.Length == 0)
            position = await positions.CurrentPositionAsync(ct);
        else if (!long.TryParse(request.Cursor, NumberStyles.None, CultureInfo.InvariantCulture, out position))
            throw RpcErrors.Invalid("cursor", "FORMAT", "Pass back a cursor exactly as an InboxEvent carried it, or none to start from now.").ToException();
        await context.WriteResponseHeadersAsync([]);

        try
        {
            while (!ct.IsCancellationRequested)
            {
                var wake = signals.Sequenced.Next;
                var batch = await log.ReadAfterAsync(recipient, position, ReadSize, ct);
                foreach (var e in batch)
                {
                    await stream.WriteAsync(e.ToProto(), ct);
                    position = e.Sequence;
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
