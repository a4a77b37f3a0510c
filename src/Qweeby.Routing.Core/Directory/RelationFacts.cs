namespace Qweeby.Routing.Core.Directory;

/// <summary>
/// What binds one sender to one recipient: private to that sender. Null members mean "no such record"
/// (no customer-directory entry, no consent process started, never asked for approval, no routing activation).
/// </summary>
public sealed record RelationFacts(CustomerEntryFacts? Entry, ConsentState? Consent, ApprovalState? Approval)
{
    public static RelationFacts None { get; } = new(null, null, null);

    /// <summary>The routing activation the supplier requested towards this customer, if any.</summary>
    public ActivationState? Activation { get; init; }
}
