namespace Qweeby.Routing.Data.Lifecycle;

/// <summary>Where a status travelling to the other end's access point stands (as an invoice's transmission does).</summary>
public enum StatusDeliveryState { Pending, Delivered, Failed, DeadLettered }
