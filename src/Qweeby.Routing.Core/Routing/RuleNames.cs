namespace Qweeby.Routing.Core.Routing;

/// <summary>Stable names of the routing rules, in the order they are evaluated.</summary>
public static class RuleNames
{
    public const string SenderKnown = "sender.known";
    public const string SenderActive = "sender.active";
    public const string RecipientFound = "recipient.found";
    public const string RecipientActive = "recipient.active";
    public const string CustomerDirectory = "customer_directory.entry";
    public const string AcceptsEInvoicing = "recipient.accepts_einvoicing";
    public const string Consent = "consent.accepted";
    public const string SupplierDirectory = "supplier_directory.approved";
    public const string RoutingActivation = "routing_activation.active";
    public const string DirectoryLine = "directory_line.selected";
    public const string ProviderSelected = "provider.selected";
}
