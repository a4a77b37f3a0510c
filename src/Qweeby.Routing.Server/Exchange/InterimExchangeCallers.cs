using Grpc.Core;

namespace Qweeby.Routing.Server.Exchange;

/// <summary>
/// Until authentication lands: every caller may act for every entity, and a partner names itself in
/// the <see cref="PartnerHeader"/> metadata (which this platform also sends when it forwards). With
/// authentication, <c>context.GetCaller()</c> answers both: <c>MayActFor(entityId, Role.Submit)</c>, and
/// the partner's provider id from its client certificate (the header is then ignored).
/// </summary>
public sealed class InterimExchangeCallers : IExchangeCallers
{
    public const string PartnerHeader = "qweeby-partner-id";

    public void EnsureMayActFor(ServerCallContext context, Guid entityId)
    {
    }

    public string? PartnerOf(ServerCallContext context) =>
        context.RequestHeaders.GetValue(PartnerHeader) is { Length: > 0 } partner ? partner : null;
}
