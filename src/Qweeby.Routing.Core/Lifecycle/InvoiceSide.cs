namespace Qweeby.Routing.Core.Lifecycle;

/// <summary>
/// Which end of an invoice an access point (or one of its records) stands at: the supplier's (it
/// submitted the invoice: a transmission) or the buyer's (it received it: an inbox item).
/// </summary>
public enum InvoiceSide { Supplier, Buyer }
