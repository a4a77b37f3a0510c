using Qweeby.Routing.Contracts.Admin.V1;

namespace Qweeby.Routing.Cli.Admin;

/// <summary>qweeby settings, suppliers, consent and activation.</summary>
internal static class DirectoryCommands
{
    private static DirectoryAdmin.DirectoryAdminClient Client(AdminCall c) => new(c.Invoker);

    public static readonly AdminCommand[] Settings =
    [
        new("settings", "get", ["ENTITY"], "Shows the entity's directory settings.", [], [],
            async c => await Client(c).GetSettingsAsync(new GetSettingsRequest { Entity = c.Arg(0) }, deadline: c.Deadline)),
        new("settings", "set-customer-directory", ["ENTITY", "open|closed"],
            "Sender side: closed sends only to customers in the entity's customer directory.", [], [],
            async c => await Client(c).SetCustomerDirectoryModeAsync(new SetDirectoryModeRequest { Entity = c.Arg(0), Mode = Mode(c.Arg(1)) }, deadline: c.Deadline)),
        new("settings", "set-supplier-directory", ["ENTITY", "open|closed"],
            "Receiver side: closed accepts invoices only from approved suppliers.", [], [],
            async c => await Client(c).SetSupplierDirectoryModeAsync(new SetDirectoryModeRequest { Entity = c.Arg(0), Mode = Mode(c.Arg(1)) }, deadline: c.Deadline)),
    ];

    public static readonly AdminCommand[] Suppliers =
    [
        new("suppliers", "pending", ["RECEIVER"], "Suppliers waiting for approval: they tried to send while refused, or asked.",
            ["--page-size", "--page-token"], [],
            async c => await Client(c).ListPendingSuppliersAsync(new ListPendingSuppliersRequest
            {
                Receiver = c.Arg(0), PageSize = AdminCommands.Number(c, "--page-size"), PageToken = c.One("--page-token") ?? "",
            }, deadline: c.Deadline),
            ["supplier_id", "supplier_name", "supplier_identifiers", "requested_at", "requested_by", "attempts", "last_attempt_at"]),
        new("suppliers", "request", ["RECEIVER", "SUPPLIER"], "The supplier's administrator asks the receiver to approve it.", [], [],
            async c => await Client(c).RequestApprovalAsync(new SupplierDecisionRequest { Receiver = c.Arg(0), Supplier = c.Arg(1) }, deadline: c.Deadline)),
        new("suppliers", "approve", ["RECEIVER", "SUPPLIER"], "Approves a supplier: it may send to the receiver when its supplier directory is closed.", [], [],
            async c => await Client(c).ApproveSupplierAsync(new SupplierDecisionRequest { Receiver = c.Arg(0), Supplier = c.Arg(1) }, deadline: c.Deadline)),
        new("suppliers", "revoke", ["RECEIVER", "SUPPLIER"], "Revokes a supplier's approval.", [], [],
            async c => await Client(c).RevokeSupplierAsync(new SupplierDecisionRequest { Receiver = c.Arg(0), Supplier = c.Arg(1) }, deadline: c.Deadline)),
    ];

    public static readonly AdminCommand[] Consent =
    [
        new("consent", "request", ["SUPPLIER", "CUSTOMER"], "The supplier asks the customer's consent to e-invoicing (pending; renews a refusal).", [], [],
            async c => await Client(c).RequestConsentAsync(new ConsentPair { Supplier = c.Arg(0), Customer = c.Arg(1) }, deadline: c.Deadline)),
        new("consent", "accept", ["SUPPLIER", "CUSTOMER"], "The customer's administrator accepts e-invoicing from the supplier.", [], [],
            async c => await Client(c).DecideConsentAsync(new DecideConsentRequest { Supplier = c.Arg(0), Customer = c.Arg(1), Decision = ConsentDecision.Accept }, deadline: c.Deadline)),
        new("consent", "refuse", ["SUPPLIER", "CUSTOMER"], "The customer's administrator refuses e-invoicing from the supplier.", [], [],
            async c => await Client(c).DecideConsentAsync(new DecideConsentRequest { Supplier = c.Arg(0), Customer = c.Arg(1), Decision = ConsentDecision.Refuse }, deadline: c.Deadline)),
    ];

    public static readonly AdminCommand[] Activation =
    [
        new("activation", "request", ["SUPPLIER", "CUSTOMER", "PROVIDER"], "Asks to route the supplier's invoices to the customer through its provider.", [], [],
            async c => await Client(c).RequestActivationAsync(new RequestActivationRequest { Supplier = c.Arg(0), Customer = c.Arg(1), ProviderId = c.Arg(2) }, deadline: c.Deadline)),
        new("activation", "accept", ["SUPPLIER", "CUSTOMER"], "Records that the provider accepted (platform administrators).", [], [],
            async c => await Client(c).AdvanceActivationAsync(new AdvanceActivationRequest { Supplier = c.Arg(0), Customer = c.Arg(1), State = ActivationState.Accepted }, deadline: c.Deadline)),
        new("activation", "activate", ["SUPPLIER", "CUSTOMER"], "Opens the accepted route (platform administrators).", [], [],
            async c => await Client(c).AdvanceActivationAsync(new AdvanceActivationRequest { Supplier = c.Arg(0), Customer = c.Arg(1), State = ActivationState.Active }, deadline: c.Deadline)),
    ];

    private static DirectoryMode Mode(string text) => text.ToLowerInvariant() switch
    {
        "open" => DirectoryMode.Open,
        "closed" => DirectoryMode.Closed,
        _ => throw new CliUsageException($"'{text}' is not a directory mode: open or closed."),
    };
}
