namespace Qweeby.Routing.Data.Lifecycle;

/// <summary>The access point at the other end of an invoice, where statuses set here travel.</summary>
public sealed record StatusDestination(string ProviderId, string Endpoint);
