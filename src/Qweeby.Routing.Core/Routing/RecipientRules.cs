using Qweeby.Routing.Core.Directory;
using static Qweeby.Routing.Core.Routing.RejectionReasons;

namespace Qweeby.Routing.Core.Routing;

/// <summary>Rules about the recipient itself: found, active, able to receive, its supplier directory.</summary>
internal static class RecipientRules
{
    public static RuleResult Found(RoutingFacts f)
    {
        var r = f.Recipient;
        if (r.Entity is { } e)
            return RuleResult.Pass($"{r.Reference} matched {RoutingPolicy.Describe(e)} by {r.MatchedBy}");
        if (r.Candidates.Count > 1)
            return RuleResult.Fail($"{r.Reference} matches {r.Candidates.Count} entities", RejectionKind.FailedPrecondition, RecipientAmbiguous,
                $"{r.Reference} matches {r.Candidates.Count} entities (establishments registered separately). Address the invoice to a SIRET.",
                ("recipient", r.Reference), ("candidates", r.Candidates.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (r.Kind == RecipientReferenceKind.CustomerNumber)
            return RuleResult.Fail($"customer number {r.Reference} is not in the sender's customer directory", RejectionKind.NotFound, CustomerNumberNotFound,
                $"Customer number {r.Reference} is not in your customer directory. Check the number, or add it to the customer's entry.",
                ("customer_number", r.Reference));
        var where = f.Sender?.Entity is { CustomerDirectory: DirectoryMode.Closed } ? "your customer directory" : "the public directory or your customer directory";
        return RuleResult.Fail($"{r.Reference} matches no entity", RejectionKind.NotFound, RecipientNotFound,
            $"{r.Reference} matches no recipient in {where}. Check the identifier, or add the recipient to your customer directory.",
            ("recipient", r.Reference));
    }

    public static RuleResult Active(RoutingFacts f) => f.Recipient.Entity switch
    {
        null => RuleResult.Skip("no recipient found"),
        { IsActive: false } e => RuleResult.Fail($"{RoutingPolicy.Describe(e)} is deactivated (non-existent)", RejectionKind.NotFound, RecipientNonExistent,
            $"{RoutingPolicy.Describe(e)} no longer exists in the network (deactivated). Contact the customer for its new address.",
            ("recipient", f.Recipient.Reference)),
        var e => RuleResult.Pass($"{RoutingPolicy.Describe(e)} is active"),
    };

    public static RuleResult AcceptsEInvoicing(RoutingFacts f) => f.Recipient.Entity switch
    {
        null => RuleResult.Skip("no recipient found"),
        { HasAdministratorContact: false } e => RuleResult.Fail($"{RoutingPolicy.Describe(e)} has no administrator contact", RejectionKind.FailedPrecondition, RecipientRefusesEInvoicing,
            $"{RoutingPolicy.Describe(e)} is known but does not receive e-invoices (no administrator contact). Send by another channel, or invite it to register a contact.",
            ("recipient", f.Recipient.Reference)),
        var e => RuleResult.Pass($"{RoutingPolicy.Describe(e)} has an administrator contact"),
    };

    public static RuleResult SupplierDirectory(RoutingFacts f)
    {
        if (f.Recipient.Entity is not { } recipient)
            return RuleResult.Skip("no recipient found");
        var who = RoutingPolicy.Describe(recipient);
        if (recipient.SupplierDirectory == DirectoryMode.Open)
            return RuleResult.Pass($"supplier directory of {who} is OPEN");
        if (f.Sender?.Entity is null)
            return RuleResult.Skip($"supplier directory of {who} is CLOSED; no sender given to check");
        return f.Relation.Approval == ApprovalState.Approved
            ? RuleResult.Pass($"supplier directory of {who} is CLOSED and the sender is approved")
            : RuleResult.Fail($"supplier directory of {who} is CLOSED and the sender is {Describe(f.Relation.Approval)}", RejectionKind.FailedPrecondition, SupplierNotApproved,
                $"{who} accepts invoices only from suppliers it approved, and you are {Describe(f.Relation.Approval)}. Ask it to approve you as a supplier.",
                ("recipient", f.Recipient.Reference), ("supplier_directory", "CLOSED"), ("approval", (f.Relation.Approval?.ToString() ?? "none").ToUpperInvariant()));
    }

    private static string Describe(ApprovalState? approval) => approval switch
    {
        ApprovalState.Pending => "awaiting approval",
        ApprovalState.Revoked => "revoked",
        _ => "not approved",
    };
}
