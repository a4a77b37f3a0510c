using Qweeby.Routing.Core.Lifecycle;

namespace Qweeby.Routing.Core.Tests.Lifecycle;

public sealed class LifecycleCodesTests
{
    [Fact]
    public void The_reforms_nineteen_codes_are_known_with_their_french_and_english_labels()
    {
        Assert.Equal([200, 201, 202, 203, 204, 205, 206, 207, 208, 209, 210, 211, 212, 213, 214, 220, 221, 224, 225],
            LifecycleCodes.All.Select(c => (int)c));
        Assert.Equal("Déposée", LifecycleCodes.French(LifecycleCode.Deposited));
        Assert.Equal("Payment received", LifecycleCodes.English(LifecycleCode.PaymentReceived));
        Assert.Equal("221 Erreur de routage", LifecycleCodes.Named(LifecycleCode.RoutingError));
        Assert.All(LifecycleCodes.All, c => Assert.False(string.IsNullOrWhiteSpace(LifecycleCodes.English(c))));
        Assert.False(LifecycleCodes.IsDefined(215));
    }

    [Fact]
    public void Who_sets_what_is_the_table_of_the_readme()
    {
        foreach (var (setter, codes) in Spec.Sets)
            Assert.Equal(codes, LifecycleCodes.SetByOf(setter).Select(c => (int)c));
        Assert.Equal(Spec.Finals, LifecycleCodes.All.Where(LifecycleCodes.IsFinal));
        Assert.Equal([LifecycleCode.PaymentReceived], LifecycleCodes.All.Where(LifecycleCodes.IsRepeatable));
        Assert.Equal([LifecycleCode.PartiallyApproved, LifecycleCode.PaymentReceived], LifecycleCodes.All.Where(LifecycleCodes.NeedsAmount));
    }

    [Fact]
    public void Only_the_supplier_platforms_own_statuses_stay_home()
    {
        Assert.Equal([LifecycleSetter.BuyerPlatform, LifecycleSetter.Buyer, LifecycleSetter.Supplier], LifecycleCodes.Setters.Where(LifecycleCodes.Travels));
        Assert.Null(LifecycleCodes.Setter(LifecycleParty.Buyer, InvoiceSide.Supplier));
        Assert.Equal(LifecycleSetter.BuyerPlatform, LifecycleCodes.Setter(LifecycleParty.Platform, InvoiceSide.Buyer));
    }

    [Theory]
    [InlineData("NOT_FOUND/RECIPIENT_NON_EXISTENT", LifecycleCode.Rejected, "RECIPIENT_NON_EXISTENT")]
    [InlineData("NOT_FOUND/RECIPIENT_NOT_FOUND", LifecycleCode.RoutingError, "RECIPIENT_NOT_FOUND")]
    [InlineData("NOT_FOUND/SENDER_NOT_FOUND", LifecycleCode.RoutingError, "SENDER_NOT_FOUND")]
    [InlineData("FAILED_PRECONDITION/SENDER_DEACTIVATED", LifecycleCode.Rejected, "SENDER_DEACTIVATED")]
    [InlineData("NOT_FOUND/SOMETHING_ELSE", LifecycleCode.RoutingError, "SOMETHING_ELSE")]
    [InlineData("FAILED_PRECONDITION/RECIPIENT_NOT_HOSTED_HERE", LifecycleCode.RoutingError, "RECIPIENT_NOT_HOSTED_HERE")]
    [InlineData("FAILED_PRECONDITION/SUPPLIER_NOT_APPROVED", LifecycleCode.Rejected, "SUPPLIER_NOT_APPROVED")]
    [InlineData("INVALID_ARGUMENT/INVALID_REQUEST", LifecycleCode.Rejected, "INVALID_REQUEST")]
    [InlineData("ALREADY_EXISTS/MESSAGE_ID_CONFLICT", LifecycleCode.Rejected, "MESSAGE_ID_CONFLICT")]
    [InlineData("PERMISSION_DENIED/PARTNER_UNKNOWN", LifecycleCode.RoutingError, "PARTNER_UNKNOWN")]
    [InlineData("ENDPOINT_INVALID", LifecycleCode.RoutingError, "ENDPOINT_INVALID")]
    [InlineData("UNIMPLEMENTED", LifecycleCode.RoutingError, "UNIMPLEMENTED")]
    [InlineData("NOT_FOUND", LifecycleCode.RoutingError, "NOT_FOUND")]
    [InlineData("RECEIPT_MISMATCH", LifecycleCode.Rejected, "RECEIPT_MISMATCH")]
    public void A_refusal_at_the_edge_is_a_routing_error_when_the_address_is_wrong_and_a_rejection_otherwise(string error, LifecycleCode code, string reason)
    {
        Assert.Equal((code, reason), EdgeRefusals.ForRefusal(error));
    }
}
