namespace Qweeby.Routing.Core.Lifecycle;

/// <summary>
/// Who proposes a status, as the state machine sees it: a party and the side it stands on. A platform
/// sets different statuses on each side (it deposits and issues for the supplier, receives and makes
/// available for the buyer); buyers and suppliers only ever stand on their own side.
/// </summary>
public enum LifecycleSetter
{
    /// <summary>The supplier's platform (200, 201, 213, 221).</summary>
    SupplierPlatform,

    /// <summary>The buyer's platform (202, 203, 213, 221).</summary>
    BuyerPlatform,

    /// <summary>The buyer, or an internal service acting for it (204–210, 214).</summary>
    Buyer,

    /// <summary>The supplier, or an internal service acting for it (211, 212, 220, 224, 225).</summary>
    Supplier,
}
