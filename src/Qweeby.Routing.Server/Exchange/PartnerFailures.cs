using System.Text;
using Grpc.Core;
using Qweeby.Routing.Hosting.Grpc;

namespace Qweeby.Routing.Server.Exchange;

/// <summary>
/// Sorts a partner's gRPC errors: a refusal about the invoice itself (unknown recipient, refused
/// supplier, malformed, not allowed, message id taken) is permanent and fails the transmission with the
/// partner's reason; anything else (unavailable, deadline, overloaded, connection refused, internal) may
/// pass, so it is retried.
/// </summary>
public static class PartnerFailures
{
    public static bool IsPermanent(StatusCode code) => code is StatusCode.NotFound or StatusCode.FailedPrecondition
        or StatusCode.InvalidArgument or StatusCode.PermissionDenied or StatusCode.AlreadyExists or StatusCode.Unimplemented;

    public static SendOutcome Classify(RpcException e)
    {
        var reason = e.GetRpcStatus() is { } status ? RpcErrors.ReasonOf(status) : "";
        var code = reason.Length > 0 ? $"{CodeName(e.StatusCode)}/{reason}" : CodeName(e.StatusCode);
        return IsPermanent(e.StatusCode) ? SendOutcome.Refused(code, e.Status.Detail) : SendOutcome.Transient(code, e.Status.Detail);
    }

    /// <summary>The canonical gRPC name: <c>DeadlineExceeded</c> is "DEADLINE_EXCEEDED".</summary>
    public static string CodeName(StatusCode code)
    {
        var name = code.ToString();
        var builder = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && builder.Length > 0)
                builder.Append('_');
            builder.Append(char.ToUpperInvariant(c));
        }
        return builder.ToString();
    }
}
