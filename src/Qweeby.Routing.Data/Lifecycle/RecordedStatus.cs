namespace Qweeby.Routing.Data.Lifecycle;

/// <summary>A status as this access point recorded it.</summary>
/// <param name="Delivery">Null when the status does not travel from here.</param>
public sealed record RecordedStatus(StatusFacts Facts, DateTimeOffset RecordedAt, StatusDelivery? Delivery);
