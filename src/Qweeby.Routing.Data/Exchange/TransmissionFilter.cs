namespace Qweeby.Routing.Data.Exchange;

/// <summary>A page of one sender's transmissions, newest first.</summary>
/// <param name="After">Keyset: the last (accepted_at, transmission_id) of the previous page.</param>
public sealed record TransmissionFilter(
    Guid SenderEntityId,
    TransmissionState? Status,
    DateTimeOffset? AcceptedFrom,
    DateTimeOffset? AcceptedTo,
    (DateTimeOffset AcceptedAt, Guid TransmissionId)? After,
    int Limit);
