namespace Qweeby.Routing.Bench.Scenarios;

/// <summary>
/// Submit → DELIVERED between two routing hosts with 20 KB invoices. Needs the exchange (Submit, Receive,
/// the outbox worker), which is not on main yet: until it lands this scenario is reported as not measured.
/// </summary>
public static class SubmitScenario
{
    public const string Name = "Submit -> DELIVERED (20 KB)";

    public const string NotAvailable =
        "Submit -> DELIVERED: not measured: the exchange (Submit, Receive, outbox) is not on main yet.";
}
