using Npgsql;
using NpgsqlTypes;
using Qweeby.Routing.Data.Directory;
using Qweeby.Routing.Data.Lifecycle;
using static Qweeby.Routing.Data.Exchange.GroupStatements;

namespace Qweeby.Routing.Data.Exchange;

/// <summary>
/// A run of <see cref="TransmissionInsert"/>s as the parameters of <see cref="TransmissionStore"/>'s insert ($1 to $33, in
/// its order): one array per column, then the events and statuses of all items, each with its item's number (from 1).
/// </summary>
internal static class TransmissionInsertColumns
{
    public static NpgsqlParameter[] Of(ArraySegment<TransmissionInsert> run)
    {
        var events = new List<(int Item, string Status, string Detail)>(2 * run.Count);
        var statuses = new List<(int Item, StatusFacts Status)>(2 * run.Count);
        var (status, statusDetail) = (new string[run.Count], new string[run.Count]);
        for (var i = 0; i < run.Count; i++)
        {
            var (t, lease) = run[i];
            // 200 Déposée opens every timeline (the state machine's first status); a leased row is issued (201) at once and
            // stored FORWARDING with that event's detail.
            events.Add((i + 1, "accepted", $"accepted for {t.Route.ProviderId} ({t.Route.ChosenBecause})"));
            statuses.Add((i + 1, t.Deposited));
            (status[i], statusDetail[i]) = ("accepted", "");
            if (lease is null)
                continue;
            var forwarding = $"forwarding to {t.Route.ProviderId}";
            events.Add((i + 1, "forwarding", forwarding));
            statuses.Add((i + 1, lease.Issued));
            (status[i], statusDetail[i]) = ("forwarding", forwarding);
        }
        return
        [
            Column(run, i => i.Transmission.TransmissionId), Column(run, i => i.Transmission.SenderEntityId),
            Column(run, i => i.Transmission.Envelope.MessageId), Column(run, i => i.Transmission.Envelope.Sender),
            Column(run, i => i.Transmission.RecipientReference), Column(run, i => i.Transmission.RecipientEntityId),
            Column(run, i => i.Transmission.Envelope.RecipientId), Column(run, i => i.Transmission.Envelope.DocumentType),
            Column(run, i => i.Transmission.Envelope.Process), Column(run, i => i.Transmission.Envelope.InvoiceNumber),
            Column(run, i => i.Transmission.Envelope.IssueDate), Column(run, i => i.Transmission.Envelope.ContentSha256),
            Column(run, i => i.Transmission.Document, NpgsqlDbType.Bytea),
            Column(run, i => i.Transmission.Route.ProviderId), Column(run, i => i.Transmission.Route.ProviderName),
            Column(run, i => i.Transmission.Route.Endpoint), Column(run, i => DirectoryCodes.Code(i.Transmission.Route.Channel)),
            Column(run, i => i.Transmission.Route.ChosenBecause), new() { Value = status }, new() { Value = statusDetail },
            Column(run, i => i.Transmission.TraceParent, NpgsqlDbType.Text), Column(run, i => i.Transmission.AcceptedAt),
            Column(run, i => i.Lease?.Duration ?? TimeSpan.Zero), Column(run, i => i.Lease is null ? 0 : 1),
            Column(run, i => i.Lease?.Token, NpgsqlDbType.Uuid), Column(run, i => i.Transmission.Deposited.PlatformId),
            Column(events, e => e.Item), Column(events, e => e.Status), Column(events, e => e.Detail),
            Column(statuses, s => s.Item), Column(statuses, s => s.Status.StatusId), Column(statuses, s => (short)s.Status.Code),
            Column(statuses, s => s.Status.SetByCaller),
        ];
    }
}
