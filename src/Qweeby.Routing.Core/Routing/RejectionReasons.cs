namespace Qweeby.Routing.Core.Routing;

/// <summary>The stable ErrorInfo reasons of routing refusals. Documented in the README; never renamed.</summary>
public static class RejectionReasons
{
    public const string SenderNotFound = "SENDER_NOT_FOUND";
    public const string SenderDeactivated = "SENDER_DEACTIVATED";
    public const string RecipientNotFound = "RECIPIENT_NOT_FOUND";
    public const string CustomerNumberNotFound = "CUSTOMER_NUMBER_NOT_FOUND";
    public const string RecipientAmbiguous = "RECIPIENT_AMBIGUOUS";
    public const string RecipientNonExistent = "RECIPIENT_NON_EXISTENT";
    public const string NotInCustomerDirectory = "NOT_IN_CUSTOMER_DIRECTORY";
    public const string CustomerEntryInactive = "CUSTOMER_ENTRY_INACTIVE";
    public const string RecipientRefusesEInvoicing = "RECIPIENT_REFUSES_EINVOICING";
    public const string ConsentPending = "CONSENT_PENDING";
    public const string ConsentRefused = "CONSENT_REFUSED";
    public const string SupplierNotApproved = "SUPPLIER_NOT_APPROVED";
    public const string RoutingActivationPending = "ROUTING_ACTIVATION_PENDING";
    public const string NoServiceProvider = "NO_SERVICE_PROVIDER";
    public const string DocumentTypeNotAccepted = "DOCUMENT_TYPE_NOT_ACCEPTED";
}
