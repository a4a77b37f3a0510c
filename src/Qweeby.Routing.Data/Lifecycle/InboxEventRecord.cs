namespace Qweeby.Routing.Data.Lifecycle;

/// <summary>One status in a recipient's stream.</summary>
/// <param name="InboxItemId">The invoice, as the recipient knows it.</param>
public sealed record InboxEventRecord(long Sequence, Guid InboxItemId, string MessageId, string Sender, RecordedStatus Status);
