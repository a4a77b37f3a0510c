using Qweeby.Routing.Core.Directory;

namespace Qweeby.Routing.Data.Exchange;

/// <summary>The route decided when the invoice was accepted, kept with it: later directory changes do not move it.</summary>
public sealed record StoredRoute(string ProviderId, string ProviderName, string Endpoint, Channel Channel, string ChosenBecause);
