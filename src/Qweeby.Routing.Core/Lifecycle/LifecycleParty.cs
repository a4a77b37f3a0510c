namespace Qweeby.Routing.Core.Lifecycle;

/// <summary>Who set a status: a platform as the invoice moved, the buyer, or the supplier.</summary>
public enum LifecycleParty { Platform, Buyer, Supplier }
