using Qweeby.Routing.Core.Directory;
using static Qweeby.Routing.Core.Routing.RejectionReasons;

namespace Qweeby.Routing.Core.Routing;

/// <summary>
/// Picks the recipient's provider. A French directory line valid at the invoice's date decides first (the
/// central directory is authoritative); otherwise, among the recipient's registrations: the sender's pinned
/// one, else the recipient's default, else the only (or first) eligible one. A provider is eligible when
/// active and accepting the document type.
/// </summary>
internal static class ProviderSelection
{
    public static RuleResult DirectoryLine(RoutingFacts f)
    {
        if (f.Recipient.Entity is null)
            return RuleResult.Skip("no recipient found");
        if (f.Target is null)
            return RuleResult.Skip("the recipient is not addressed through the French directory");
        var (line, notes) = f.LineChoice;
        var why = notes.Count > 0 ? $" ({string.Join("; ", notes)})" : "";
        return line is null
            ? RuleResult.Skip($"no directory line of SIREN {f.Target.Siren} is valid on {f.At:yyyy-MM-dd}{why}: provider registrations decide")
            : RuleResult.Pass($"{line.Describe()}{why}");
    }

    public static RuleResult Select(RoutingFacts f)
    {
        if (f.Recipient.Entity is not { } recipient)
            return RuleResult.Skip("no recipient found");
        var who = RoutingPolicy.Describe(recipient);
        if (f.LineChoice.Line is { } line)
            return FromLine(f, line, who);
        var eligible = recipient.Registrations
            .Where(r => f.Providers.TryGetValue(r.ProviderId, out var p) && p.IsActive && r.Accepts(f.DocumentType))
            .ToList();
        var notes = new List<string>();

        if (f.Relation.Entry is { IsActive: true, PinnedProviderId: { } pinned })
        {
            if (eligible.FirstOrDefault(r => r.ProviderId == pinned) is { } chosen)
                return Chosen(f, chosen, "pinned_by_sender", $"pinned by the sender: {pinned}");
            notes.Add($"pinned provider {pinned} is not eligible for {who}");
        }
        if (eligible.FirstOrDefault(r => r.IsDefault) is { } byDefault)
            return Chosen(f, byDefault, "recipient_default", Join(notes, $"default of the recipient: {byDefault.ProviderId}"));
        if (eligible.Count > 0)
        {
            var because = eligible.Count == 1 ? "only_provider" : "first_eligible";
            return Chosen(f, eligible[0], because, Join(notes, $"{because.Replace('_', ' ')}: {eligible[0].ProviderId}"));
        }

        var activeButWrongType = recipient.Registrations.Any(r => f.Providers.TryGetValue(r.ProviderId, out var p) && p.IsActive);
        return activeButWrongType
            ? RuleResult.Fail($"no provider of {who} accepts document type {f.DocumentType}", RejectionKind.FailedPrecondition, DocumentTypeNotAccepted,
                $"None of {who}'s service providers accepts document type {f.DocumentType}. Send a document type it accepts.",
                ("recipient", f.Recipient.Reference), ("document_type", f.DocumentType ?? ""))
            : RuleResult.Fail($"{who} has no active service provider", RejectionKind.FailedPrecondition, NoServiceProvider,
                $"{who} is not registered at any active service provider, so it cannot receive e-invoices yet.",
                ("recipient", f.Recipient.Reference));
    }

    private static RuleResult FromLine(RoutingFacts f, Addressing.DirectoryLine line, string who) =>
        f.Providers.TryGetValue(line.ProviderId, out var provider) && provider.IsActive
            ? new(RuleVerdict.Passed, PinOverruled(f, line) + $"directory line {line.LineId}: {line.ProviderId}", Route: new RouteChoice(provider, "directory_line", line))
            : RuleResult.Fail($"directory line {line.LineId} names {line.ProviderId}, which is unknown or suspended here", RejectionKind.FailedPrecondition, NoServiceProvider,
                $"{who} receives through platform {line.ProviderId} (directory line {line.LineId}), which this platform cannot reach. Contact the operator.",
                ("recipient", f.Recipient.Reference), ("directory_line", line.LineId), ("provider", line.ProviderId));

    /// <summary>The sender's pinned provider, when the line sends elsewhere: said, so that Explain does not hide it.</summary>
    private static string PinOverruled(RoutingFacts f, Addressing.DirectoryLine line) =>
        f.Relation.Entry is { IsActive: true, PinnedProviderId: { } pinned } && pinned != line.ProviderId
            ? $"the sender's pinned provider {pinned} is not used: the central directory's line decides; "
            : "";

    private static RuleResult Chosen(RoutingFacts f, ProviderRegistration registration, string because, string fact) =>
        new(RuleVerdict.Passed, fact, Route: new RouteChoice(f.Providers[registration.ProviderId], because));

    private static string Join(List<string> notes, string fact) => notes.Count == 0 ? fact : $"{string.Join("; ", notes)}; {fact}";
}
