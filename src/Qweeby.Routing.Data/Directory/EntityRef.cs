namespace Qweeby.Routing.Data.Directory;

/// <summary>A cached pointer to an entity (what an identifier or a customer number resolves to).</summary>
public sealed record EntityRef(Guid EntityId);
