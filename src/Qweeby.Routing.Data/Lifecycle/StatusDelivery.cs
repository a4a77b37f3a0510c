namespace Qweeby.Routing.Data.Lifecycle;

/// <summary>A status's way to the other end's access point.</summary>
/// <param name="Detail">The last error, the refusal, or the receiver's answer.</param>
public sealed record StatusDelivery(StatusDeliveryState State, string Destination, int Attempts, string Detail);
