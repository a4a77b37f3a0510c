using Microsoft.Extensions.Logging;

namespace Qweeby.Routing.Server.Exchange;

/// <summary>
/// A send that fails in this access point's own code (a bug, a reply it cannot read) is an attempt like a partner's
/// transient failure: retried, then dead-lettered for an operator, instead of failing its claim's other outcomes at
/// every lease. The partner-facing detail stays generic; the exception goes to the log.
/// </summary>
internal static class SendFailures
{
    public const string Code = "FORWARDING_ERROR";

    public static async Task<SendOutcome> GuardAsync(Func<Task<SendOutcome>> send, ILogger logger, string what, CancellationToken ct)
    {
        try
        {
            return await send();
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogError(e, "Forwarding {What} failed in this access point", what);
            return SendOutcome.Transient(Code, "this access point failed to forward it (see its log)");
        }
    }
}
