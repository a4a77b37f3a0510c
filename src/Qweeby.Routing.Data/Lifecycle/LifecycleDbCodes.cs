using Qweeby.Routing.Core.Lifecycle;

namespace Qweeby.Routing.Data.Lifecycle;

/// <summary>The text codes the lifecycle table stores (CHECK constraints of the lifecycle migration), both ways.</summary>
internal static class LifecycleDbCodes
{
    public static string Code(LifecycleParty party) => party switch
    {
        LifecycleParty.Buyer => "buyer",
        LifecycleParty.Supplier => "supplier",
        _ => "platform",
    };

    public static LifecycleParty Party(string code) => code switch
    {
        "platform" => LifecycleParty.Platform,
        "buyer" => LifecycleParty.Buyer,
        "supplier" => LifecycleParty.Supplier,
        _ => throw Unknown("status party", code),
    };

    public static string Code(StatusDeliveryState state) => state switch
    {
        StatusDeliveryState.Pending => "pending",
        StatusDeliveryState.Delivered => "delivered",
        StatusDeliveryState.Failed => "failed",
        _ => "dead_lettered",
    };

    public static StatusDeliveryState Delivery(string code) => code switch
    {
        "pending" => StatusDeliveryState.Pending,
        "delivered" => StatusDeliveryState.Delivered,
        "failed" => StatusDeliveryState.Failed,
        "dead_lettered" => StatusDeliveryState.DeadLettered,
        _ => throw Unknown("status delivery state", code),
    };

    private static InvalidOperationException Unknown(string what, string code) =>
        new($"Unknown {what} code '{code}' in the database: is a migration missing?");
}
