namespace Qweeby.Routing.Data.Directory;

/// <summary>A cached list of entities, e.g. those holding SIRETs of one SIREN.</summary>
public sealed record EntityRefList(IReadOnlyList<Guid> EntityIds);
