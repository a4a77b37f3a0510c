using Qweeby.Routing.Data.Exchange;
using Qweeby.Routing.Data.Lifecycle;

namespace Qweeby.Routing.Server.Exchange;

/// <summary>What one call to a partner's Receive came to: a receipt, or an error that is worth retrying or not.</summary>
/// <param name="ErrorCode">"UNAVAILABLE", or the partner's code and reason: "FAILED_PRECONDITION/SUPPLIER_NOT_APPROVED".</param>
public sealed record SendOutcome(Receipt? Receipt, bool Permanent, string ErrorCode, string ErrorDetail)
{
    /// <summary>The statuses the receipt carried, to record with the delivery.</summary>
    public IReadOnlyList<StatusWrite> ReceiptStatuses { get; init; } = [];

    /// <summary>What the receipt carried that could not be recorded, and why.</summary>
    public IReadOnlyList<string> IgnoredInReceipt { get; init; } = [];

    public static SendOutcome Delivered(Receipt receipt) => new(receipt, false, "", "");

    public static SendOutcome Transient(string code, string detail) => new(null, false, code, detail);

    public static SendOutcome Refused(string code, string detail) => new(null, true, code, detail);
}
