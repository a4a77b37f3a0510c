using Qweeby.Routing.Core.Directory;
using static Qweeby.Routing.Core.Routing.RejectionReasons;

namespace Qweeby.Routing.Core.Routing;

/// <summary>Rules that depend on who sends: the sender itself, its customer directory, consent.</summary>
internal static class SenderRules
{
    public static RuleResult Known(RoutingFacts f) => f.Sender switch
    {
        null => RuleResult.Skip("no sender given: public directory only"),
        { Entity: null } s => RuleResult.Fail($"sender {s.Reference} is not in the directory", RejectionKind.NotFound, SenderNotFound,
            $"The sender {s.Reference} is not registered in the directory. Register the sending entity before resolving on its behalf.",
            ("sender", s.Reference)),
        { Entity: { } e } => RuleResult.Pass($"sender is {RoutingPolicy.Describe(e)}"),
    };

    public static RuleResult Active(RoutingFacts f) => f.Sender?.Entity switch
    {
        null => RuleResult.Skip("no known sender"),
        { IsActive: false } e => RuleResult.Fail($"sender {RoutingPolicy.Describe(e)} is deactivated", RejectionKind.FailedPrecondition, SenderDeactivated,
            $"The sender {RoutingPolicy.Describe(e)} is deactivated and cannot send. Reactivate it through the admin service.",
            ("sender", f.Sender.Reference)),
        var e => RuleResult.Pass($"sender {RoutingPolicy.Describe(e)} is active"),
    };

    public static RuleResult CustomerDirectory(RoutingFacts f)
    {
        if (f.Sender?.Entity is not { } sender)
            return RuleResult.Skip("no known sender: customer directory not consulted");
        if (f.Recipient.Entity is not { } recipient)
            return RuleResult.Skip("no recipient found");
        var mode = sender.CustomerDirectory;
        var entry = f.Relation.Entry;
        var byNumber = f.Recipient.Kind == RecipientReferenceKind.CustomerNumber;
        var who = RoutingPolicy.Describe(recipient);

        if (entry is { IsActive: true })
            return RuleResult.Pass($"{who} is in the sender's customer directory ({Lower(mode)})");
        if (entry is { IsActive: false } && (byNumber || mode == DirectoryMode.Closed))
            return RuleResult.Fail($"the sender's customer directory entry for {who} is deactivated", RejectionKind.FailedPrecondition, CustomerEntryInactive,
                $"Your customer directory entry for {who} is deactivated. Reactivate it, or address the invoice by another customer.",
                ("recipient", f.Recipient.Reference));
        if (mode == DirectoryMode.Closed)
            return RuleResult.Fail($"customer directory of the sender is CLOSED and {who} is not in it", RejectionKind.FailedPrecondition, NotInCustomerDirectory,
                $"Your customer directory is closed and {who} is not in it. Add it to your customer directory, or have an administrator open the directory.",
                ("recipient", f.Recipient.Reference), ("customer_directory", "CLOSED"));
        return RuleResult.Pass(entry is null
            ? $"customer directory of the sender is OPEN: {who} found in the public directory"
            : $"customer directory of the sender is OPEN: its deactivated entry for {who} is ignored, public directory used");
    }

    public static RuleResult Consent(RoutingFacts f)
    {
        if (f.Sender?.Entity is null || f.Recipient.Entity is not { } recipient)
            return RuleResult.Skip("needs a known sender and recipient");
        var who = RoutingPolicy.Describe(recipient);
        return f.Relation.Consent switch
        {
            null => RuleResult.Pass($"no consent process for this pair: {who} receives through the public directory"),
            ConsentState.Accepted => RuleResult.Pass($"{who} accepted e-invoicing from the sender"),
            ConsentState.Pending => RuleResult.Fail($"consent of {who} is PENDING", RejectionKind.FailedPrecondition, ConsentPending,
                $"{who} has not yet accepted e-invoicing from you. Its administrator must accept the consent request first.",
                ("recipient", f.Recipient.Reference), ("consent", "PENDING")),
            _ => RuleResult.Fail($"consent of {who} is REFUSED", RejectionKind.FailedPrecondition, ConsentRefused,
                $"{who} refused e-invoicing from you. Send this invoice by another channel, or ask it to accept a new consent request.",
                ("recipient", f.Recipient.Reference), ("consent", "REFUSED")),
        };
    }

    /// <summary>
    /// Some recipients at other providers need the supplier's route activated first. Once a supplier has asked, the
    /// route is used only when active; a pair that never asked routes as usual.
    /// </summary>
    public static RuleResult RoutingActivation(RoutingFacts f)
    {
        if (f.Sender?.Entity is null || f.Recipient.Entity is not { } recipient)
            return RuleResult.Skip("needs a known sender and recipient");
        var who = RoutingPolicy.Describe(recipient);
        return f.Relation.Activation switch
        {
            null => RuleResult.Pass($"no routing activation for this pair: {who} needs none"),
            ActivationState.Active => RuleResult.Pass($"routing to {who} is activated"),
            var state => RuleResult.Fail($"routing activation towards {who} is {state.Value.ToString().ToUpperInvariant()}", RejectionKind.FailedPrecondition,
                RoutingActivationPending,
                $"Your routing activation towards {who} is {state.Value.ToString().ToLowerInvariant()}, not yet active. Wait for its provider to activate it.",
                ("recipient", f.Recipient.Reference), ("activation", state.Value.ToString().ToUpperInvariant())),
        };
    }

    private static string Lower(DirectoryMode mode) => mode == DirectoryMode.Closed ? "closed" : "open";
}
