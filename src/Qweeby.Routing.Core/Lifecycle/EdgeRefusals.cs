namespace Qweeby.Routing.Core.Lifecycle;

/// <summary>
/// The status the supplier's platform sets when an invoice it accepted goes no further. The address is
/// wrong or unreachable (unknown recipient, not hosted there, no such platform, undeliverable): 221
/// Erreur de routage, which an operator's replay may still mend. The invoice itself is refused
/// (recipient deactivated, supplier deactivated there or not approved, not compliant, message id taken):
/// 213 Rejetée, final.
/// </summary>
public static class EdgeRefusals
{
    /// <summary>Reason code of a dead letter: still undelivered after every attempt.</summary>
    public const string Undelivered = "UNDELIVERED";

    private static readonly HashSet<string> RoutingReasons = new(StringComparer.Ordinal)
    {
        "RECIPIENT_NOT_FOUND", "RECIPIENT_NOT_HOSTED_HERE", "NO_SERVICE_PROVIDER", "PARTNER_UNKNOWN", "ENDPOINT_INVALID",
    };

    private static readonly HashSet<string> RoutingCodes = new(StringComparer.Ordinal) { "NOT_FOUND", "UNIMPLEMENTED", "PERMISSION_DENIED" };

    /// <summary>
    /// The status for a refusal written "GRPC_CODE/REASON" ("NOT_FOUND/RECIPIENT_NON_EXISTENT") or a bare
    /// reason ("ENDPOINT_INVALID"), and the reason code to record with it (the partner's reason, else its code).
    /// </summary>
    public static (LifecycleCode Code, string ReasonCode) ForRefusal(string errorCode)
    {
        var slash = errorCode.IndexOf('/', StringComparison.Ordinal);
        var (grpc, reason) = slash < 0 ? (errorCode, "") : (errorCode[..slash], errorCode[(slash + 1)..]);
        var reasonCode = reason.Length > 0 ? reason : grpc;
        // A supplier the partner has deactivated is refused for good; one it does not know yet (its copy of the directory
        // may lag) stays a routing error below, which an operator's replay may still mend.
        if (reason is "RECIPIENT_NON_EXISTENT" or Routing.RejectionReasons.SenderDeactivated)
            return (LifecycleCode.Rejected, reasonCode);
        return RoutingReasons.Contains(reasonCode) || (reason.Length == 0 && RoutingCodes.Contains(grpc)) || (grpc == "NOT_FOUND")
            ? (LifecycleCode.RoutingError, reasonCode)
            : (LifecycleCode.Rejected, reasonCode);
    }
}
