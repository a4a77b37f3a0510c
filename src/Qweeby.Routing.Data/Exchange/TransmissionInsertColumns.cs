using Npgsql;
using NpgsqlTypes;
using Qweeby.Routing.Data.Directory;
using Qweeby.Routing.Data.Lifecycle;

namespace Qweeby.Routing.Data.Exchange;

/// <summary>
/// A group of <see cref="TransmissionInsert"/>s as the columns of <see cref="TransmissionStore.TryInsertAsync"/>'s
/// statement: one array per column, items numbered from 1 in the events' and statuses' arrays.
/// </summary>
internal sealed class TransmissionInsertColumns(int count)
{
    private readonly Guid[] _transmissionIds = new Guid[count];
    private readonly Guid[] _senderEntityIds = new Guid[count];
    private readonly string[] _messageIds = new string[count];
    private readonly string[] _senders = new string[count];
    private readonly string[] _recipientReferences = new string[count];
    private readonly Guid[] _recipientEntityIds = new Guid[count];
    private readonly string[] _recipientIds = new string[count];
    private readonly string[] _documentTypes = new string[count];
    private readonly string[] _processes = new string[count];
    private readonly string[] _invoiceNumbers = new string[count];
    private readonly DateOnly[] _issueDates = new DateOnly[count];
    private readonly string[] _contentSha256s = new string[count];
    private readonly ReadOnlyMemory<byte>[] _documents = new ReadOnlyMemory<byte>[count];
    private readonly string[] _providerIds = new string[count];
    private readonly string[] _providerNames = new string[count];
    private readonly string[] _providerEndpoints = new string[count];
    private readonly string[] _channels = new string[count];
    private readonly string[] _chosenBecause = new string[count];
    private readonly string[] _statuses = new string[count];
    private readonly string[] _statusDetails = new string[count];
    private readonly string?[] _traceParents = new string?[count];
    private readonly DateTimeOffset[] _acceptedAt = new DateTimeOffset[count];
    private readonly TimeSpan[] _leases = new TimeSpan[count];
    private readonly int[] _attempts = new int[count];
    private readonly Guid?[] _claimTokens = new Guid?[count];
    private readonly string[] _platformIds = new string[count];
    private readonly List<int> _eventItems = new(2 * count);
    private readonly List<string> _eventStatuses = new(2 * count);
    private readonly List<string> _eventDetails = new(2 * count);
    private readonly List<int> _statusItems = new(2 * count);
    private readonly List<Guid> _statusIds = new(2 * count);
    private readonly List<short> _statusCodes = new(2 * count);
    private readonly List<string> _statusSetters = new(2 * count);

    public void Set(int i, TransmissionInsert insert)
    {
        var (t, lease) = insert;
        var (e, route) = (t.Envelope, t.Route);
        (_transmissionIds[i], _senderEntityIds[i], _messageIds[i], _senders[i]) = (t.TransmissionId, t.SenderEntityId, e.MessageId, e.Sender);
        (_recipientReferences[i], _recipientEntityIds[i], _recipientIds[i]) = (t.RecipientReference, t.RecipientEntityId, e.RecipientId);
        (_documentTypes[i], _processes[i], _invoiceNumbers[i], _issueDates[i]) = (e.DocumentType, e.Process, e.InvoiceNumber, e.IssueDate);
        (_contentSha256s[i], _documents[i]) = (e.ContentSha256, t.Document);
        (_providerIds[i], _providerNames[i], _providerEndpoints[i]) = (route.ProviderId, route.ProviderName, route.Endpoint);
        (_channels[i], _chosenBecause[i]) = (DirectoryCodes.Code(route.Channel), route.ChosenBecause);
        (_traceParents[i], _acceptedAt[i], _platformIds[i]) = (t.TraceParent, t.AcceptedAt, t.Deposited.PlatformId);
        (_leases[i], _attempts[i], _claimTokens[i]) = (lease?.Duration ?? TimeSpan.Zero, lease is null ? 0 : 1, lease?.Token);

        // 200 Déposée opens every timeline (the state machine's first status); a leased row is issued (201) at once.
        var item = i + 1;
        Event(item, "accepted", $"accepted for {route.ProviderId} ({route.ChosenBecause})");
        Status(item, t.Deposited);
        (_statuses[i], _statusDetails[i]) = ("accepted", "");
        if (lease is null)
            return;
        var forwarding = $"forwarding to {route.ProviderId}";
        Event(item, "forwarding", forwarding);
        Status(item, lease.Issued);
        (_statuses[i], _statusDetails[i]) = ("forwarding", forwarding);
    }

    private void Event(int item, string status, string detail)
    {
        _eventItems.Add(item);
        _eventStatuses.Add(status);
        _eventDetails.Add(detail);
    }

    private void Status(int item, StatusFacts status)
    {
        _statusItems.Add(item);
        _statusIds.Add(status.StatusId);
        _statusCodes.Add((short)status.Code);
        _statusSetters.Add(status.SetByCaller);
    }

    /// <summary>In the statement's order ($1 to $33).</summary>
    public NpgsqlParameter[] Parameters() =>
    [
        new() { Value = _transmissionIds }, new() { Value = _senderEntityIds }, new() { Value = _messageIds }, new() { Value = _senders },
        new() { Value = _recipientReferences }, new() { Value = _recipientEntityIds }, new() { Value = _recipientIds },
        new() { Value = _documentTypes }, new() { Value = _processes }, new() { Value = _invoiceNumbers }, new() { Value = _issueDates },
        new() { Value = _contentSha256s }, new() { Value = _documents, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea },
        new() { Value = _providerIds }, new() { Value = _providerNames }, new() { Value = _providerEndpoints }, new() { Value = _channels },
        new() { Value = _chosenBecause }, new() { Value = _statuses }, new() { Value = _statusDetails },
        new() { Value = _traceParents, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text }, new() { Value = _acceptedAt },
        new() { Value = _leases }, new() { Value = _attempts },
        new() { Value = _claimTokens, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid }, new() { Value = _platformIds },
        new() { Value = _eventItems.ToArray() }, new() { Value = _eventStatuses.ToArray() }, new() { Value = _eventDetails.ToArray() },
        new() { Value = _statusItems.ToArray() }, new() { Value = _statusIds.ToArray() }, new() { Value = _statusCodes.ToArray() },
        new() { Value = _statusSetters.ToArray() },
    ];
}
