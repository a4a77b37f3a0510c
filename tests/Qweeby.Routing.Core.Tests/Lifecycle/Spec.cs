using Qweeby.Routing.Core.Lifecycle;

namespace Qweeby.Routing.Core.Tests.Lifecycle;

/// <summary>
/// The README's lifecycle table, written again independently of the machine, as the oracle the
/// exhaustive test compares it with.
/// </summary>
internal static class Spec
{
    public static readonly LifecycleCode[] Finals = [LifecycleCode.Refused, LifecycleCode.PaymentReceived, LifecycleCode.Rejected, LifecycleCode.Cancelled];

    public static readonly Dictionary<LifecycleSetter, int[]> Sets = new()
    {
        [LifecycleSetter.SupplierPlatform] = [200, 201, 213, 221],
        [LifecycleSetter.BuyerPlatform] = [202, 203, 213, 221],
        [LifecycleSetter.Buyer] = [204, 205, 206, 207, 208, 210, 211, 214],
        [LifecycleSetter.Supplier] = [209, 212, 220, 224, 225],
    };

    public static int Stage(IReadOnlyList<TimelineEntry> t) =>
        t.Select(e => (int)e.Code is >= 200 and <= 203 ? (int)e.Code - 199 : 0).DefaultIfEmpty(0).Max();

    public static LifecycleCode? Final(IReadOnlyList<TimelineEntry> t) => t.Select(e => (LifecycleCode?)e.Code).FirstOrDefault(c => Finals.Contains(c!.Value));

    public static LifecycleCode? Current(IReadOnlyList<TimelineEntry> t) => t.Count == 0 ? null : t[^1].Code;

    /// <summary>A 209 after the last 208.</summary>
    public static bool CompletedSinceSuspension(IReadOnlyList<TimelineEntry> t)
    {
        var suspended = t.Select(e => e.Code).ToList().LastIndexOf(LifecycleCode.Suspended);
        return suspended >= 0 && t.Skip(suspended).Any(e => e.Code == LifecycleCode.Completed);
    }

    public static LifecycleCode? LastBuyer(IReadOnlyList<TimelineEntry> t) =>
        t.Select(e => (LifecycleCode?)e.Code).LastOrDefault(c => Sets[LifecycleSetter.Buyer].Contains((int)c!.Value));

    /// <summary>
    /// What the machine must answer to a new status (a fresh status id, chosen by the proposer or by us): a 212 under an
    /// id of the proposer's is a further payment, even after a 212.
    /// </summary>
    public static LifecycleVerdict Expected(IReadOnlyList<TimelineEntry> t, LifecycleCode code, LifecycleSetter setter, bool idChosen = false)
    {
        var n = (int)code;
        var furtherPayment = n == 212 && idChosen;
        if (!Sets[setter].Contains(n))
            return LifecycleVerdict.Refuse;
        if (Current(t) == code && !furtherPayment)
            return LifecycleVerdict.Repeat;
        if (Final(t) is { } final && !(final == LifecycleCode.PaymentReceived && n == 212))
            return LifecycleVerdict.Refuse;
        var stage = Stage(t);
        var allowed = n switch
        {
            200 => t.Count == 0,
            201 => stage < 2,
            202 => stage < 3,
            203 => stage == 3,
            213 or 221 => stage < 4,
            220 => true,
            204 => stage == 4 && LastBuyer(t) is null,
            209 => stage == 4 && LastBuyer(t) == LifecycleCode.Suspended && !CompletedSinceSuspension(t),
            _ => stage == 4,
        };
        return allowed ? LifecycleVerdict.Record : LifecycleVerdict.Refuse;
    }
}
