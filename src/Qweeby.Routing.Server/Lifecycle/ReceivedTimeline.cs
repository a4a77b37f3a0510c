using Google.Protobuf.Collections;
using Qweeby.Routing.Core.Lifecycle;
using Qweeby.Routing.Data.Lifecycle;
using Qweeby.Routing.Hosting.Grpc;
using FieldViolation = Google.Rpc.BadRequest.Types.FieldViolation;

namespace Qweeby.Routing.Server.Lifecycle;

/// <summary>
/// The timeline an invoice received from a partner opens with: the statuses the supplier's end sent with
/// it (checked in order by the state machine before anything is stored), then this platform's 202 Reçue
/// and 203 Mise à disposition, which travel back to the partner.
/// </summary>
internal static class ReceivedTimeline
{
    /// <summary>More than the supplier's end can set before delivery (200 and 201) with room for corrections; read no further.</summary>
    public const int MaxStatuses = 10;

    public static List<StatusFacts> Parse(RepeatedField<Contracts.V1.LifecycleStatus> statuses, string partner, DateTimeOffset now)
    {
        if (statuses.Count > MaxStatuses)
            throw RpcErrors.Invalid("statuses", "TOO_MANY",
                $"At most {MaxStatuses} statuses travel with an invoice (the supplier's end sets 200 and 201 before delivery); {statuses.Count} were given.").ToException();
        var violations = new List<FieldViolation>();
        var parsed = new List<StatusFacts>();
        var timeline = new List<TimelineEntry>();
        for (var i = 0; i < statuses.Count; i++)
        {
            var field = $"statuses[{i}]";
            if (StatusParser.ParseTravelling(statuses[i], field, partner, now, violations) is not { } status)
                continue;
            var setter = LifecycleCodes.Setter(status.SetBy, InvoiceSide.Supplier);
            var decision = setter is { } s ? LifecycleMachine.Decide(timeline, new ProposedStatus(status.StatusId, status.Code, s, IdChosen: true)) : null;
            if (decision?.Verdict != LifecycleVerdict.Record)
            {
                violations.Add(RpcErrors.Violation(field, "LIFECYCLE", decision?.Explanation
                    ?? $"Only the supplier's end sets the statuses that come with an invoice; {LifecycleCodes.Named(status.Code)} was set by the {status.SetBy.ToString().ToLowerInvariant()}."));
                continue;
            }
            timeline.Add(new TimelineEntry(status.StatusId, status.Code));
            parsed.Add(status);
        }
        if (violations.Count > 0)
            throw RpcErrors.Invalid(violations).ToException();
        return parsed;
    }

    public static List<StatusWrite> Writes(Guid inboxItemId, List<StatusFacts> sent, StatusDestination partner, string platformId, DateTimeOffset now)
    {
        var writes = sent.Select(s => new StatusWrite(null, inboxItemId, s, LifecycleCodes.Setter(s.SetBy, InvoiceSide.Supplier)!.Value, null)).ToList();
        foreach (var code in LifecycleCodes.OnReception)
            writes.Add(new StatusWrite(null, inboxItemId, StatusFacts.ByPlatform(code, now, platformId), LifecycleSetter.BuyerPlatform, partner));
        return writes;
    }

    /// <summary>Whether <paramref name="status"/> is one this platform set on the invoice's reception (202, 203).</summary>
    public static bool SetOnReception(StatusFacts status, string platformId) =>
        status.SetBy == LifecycleParty.Platform && status.PlatformId == platformId && LifecycleCodes.OnReception.Contains(status.Code);
}
