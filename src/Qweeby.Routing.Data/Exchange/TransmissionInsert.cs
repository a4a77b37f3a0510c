namespace Qweeby.Routing.Data.Exchange;

/// <summary>A transmission to store, with the lease of its outbox row when Submit hands it to this host's sender.</summary>
public readonly record struct TransmissionInsert(NewTransmission Transmission, OutboxLease? Lease);
