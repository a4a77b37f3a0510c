namespace Qweeby.Routing.Data.Exchange;

/// <summary>
/// Where a submitted invoice stands: Accepted → Forwarding → Delivered | Failed | DeadLettered.
/// An operator's replay puts a Failed or DeadLettered one back to Accepted.
/// </summary>
public enum TransmissionState { Accepted, Forwarding, Delivered, Failed, DeadLettered }
