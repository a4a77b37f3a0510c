namespace Qweeby.Routing.Data.Exchange;

/// <summary>The text codes the exchange tables store (CHECK constraints of the exchange migration), both ways.</summary>
public static class ExchangeCodes
{
    public static string Code(TransmissionState state) => state switch
    {
        TransmissionState.Accepted => "accepted",
        TransmissionState.Forwarding => "forwarding",
        TransmissionState.Delivered => "delivered",
        TransmissionState.Failed => "failed",
        _ => "dead_lettered",
    };

    public static TransmissionState State(string code) => code switch
    {
        "accepted" => TransmissionState.Accepted,
        "forwarding" => TransmissionState.Forwarding,
        "delivered" => TransmissionState.Delivered,
        "failed" => TransmissionState.Failed,
        "dead_lettered" => TransmissionState.DeadLettered,
        _ => throw Unknown("transmission status", code),
    };

    public static string Code(AttemptOutcome outcome) => outcome switch
    {
        AttemptOutcome.Delivered => "delivered",
        AttemptOutcome.Retry => "retry",
        AttemptOutcome.Failed => "failed",
        _ => "dead_lettered",
    };

    public static AttemptOutcome Outcome(string code) => code switch
    {
        "delivered" => AttemptOutcome.Delivered,
        "retry" => AttemptOutcome.Retry,
        "failed" => AttemptOutcome.Failed,
        "dead_lettered" => AttemptOutcome.DeadLettered,
        _ => throw Unknown("attempt outcome", code),
    };

    private static InvalidOperationException Unknown(string what, string code) =>
        new($"Unknown {what} code '{code}' in the database: is a migration missing?");
}
