namespace Qweeby.Routing.Core.Routing;

public enum RejectionKind { NotFound, FailedPrecondition }

/// <summary>
/// Why a recipient cannot be routed: a stable <see cref="Reason"/> (see <see cref="RejectionReasons"/>),
/// a message that tells the caller what to do, and facts as key/value metadata.
/// </summary>
public sealed record RoutingRejection(
    RejectionKind Kind,
    string Reason,
    string Message,
    IReadOnlyDictionary<string, string> Metadata);
