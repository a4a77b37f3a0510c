using Grpc.Core;

namespace Qweeby.Routing.Server.Exchange;

/// <summary>
/// Who may do what on the Exchange service: the one place the caller's identity enters it, so the
/// authentication layer (API keys, partner certificates) plugs in by replacing the implementation.
/// </summary>
public interface IExchangeCallers
{
    /// <summary>
    /// Throws PERMISSION_DENIED unless the caller may act for <paramref name="entityId"/>: submit as that
    /// sender, read its transmissions, or take from its inbox.
    /// </summary>
    void EnsureMayActFor(ServerCallContext context, Guid entityId);

    /// <summary>The service provider id of the partner access point calling Receive; null when the caller is not one.</summary>
    string? PartnerOf(ServerCallContext context);
}
