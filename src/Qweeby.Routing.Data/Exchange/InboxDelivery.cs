using Qweeby.Routing.Data.Lifecycle;

namespace Qweeby.Routing.Data.Exchange;

/// <summary>An invoice to store in an inbox and the statuses its new timeline opens with.</summary>
public sealed record InboxDelivery(NewInboxItem Item, IReadOnlyList<StatusWrite> Timeline);
