using Qweeby.Routing.Core.Lifecycle;

namespace Qweeby.Routing.Data.Lifecycle;

/// <summary>A lifecycle status as it travels between access points: the same on each.</summary>
/// <param name="StatusId">Chosen where the status was created.</param>
/// <param name="At">When it was set, by the clock where it was set.</param>
/// <param name="SetByCaller">Who set it: a caller id ("key:…", "provider:…") or a platform's provider id.</param>
/// <param name="PlatformId">The access point (provider id) where it was set.</param>
/// <param name="Amount">For a partial approval or a payment; <paramref name="Currency"/> is set with it.</param>
public sealed record StatusFacts(
    Guid StatusId,
    LifecycleCode Code,
    DateTimeOffset At,
    LifecycleParty SetBy,
    string SetByCaller,
    string PlatformId,
    string ReasonCode = "",
    string Reason = "",
    decimal? Amount = null,
    string? Currency = null)
{
    /// <summary>Longest reason text kept (a partner's refusal message may be longer).</summary>
    public const int MaxReasonLength = 1000;

    /// <summary>A status this platform sets itself as the invoice moves.</summary>
    public static StatusFacts ByPlatform(LifecycleCode code, DateTimeOffset now, string platformId, string reasonCode = "", string reason = "") =>
        new(Guid.CreateVersion7(now), code, now, LifecycleParty.Platform, platformId, platformId, reasonCode,
            reason.Length > MaxReasonLength ? reason[..MaxReasonLength] : reason);
}
