namespace Qweeby.Routing.Data.Directory;

/// <summary>Directory lines to read alongside the owners (<see cref="DirectoryFactsStore.FindOwnersWithFactsAsync"/>): those at some 0225 addresses of one SIREN.</summary>
public sealed record LinesAsked(string Siren, IReadOnlyCollection<string> Addresses);
