namespace Qweeby.Routing.Core.Security;

/// <summary>
/// The entities a credential acts for: a set of entity ids, or every entity. "Every entity" is always
/// explicit (platform administrators and operators, or an internal service created with
/// <c>--all-entities</c>): a credential whose entity list was forgotten is empty, not all-powerful.
/// </summary>
public sealed class EntityScope
{
    private readonly HashSet<Guid> _entities;

    private EntityScope(bool all, IEnumerable<Guid> entities)
    {
        IsAll = all;
        _entities = all ? [] : [.. entities];
    }

    public static EntityScope All { get; } = new(true, []);

    public static EntityScope None { get; } = new(false, []);

    public static EntityScope Of(IEnumerable<Guid> entities) => new(false, entities);

    /// <summary>Every entity, present and future.</summary>
    public bool IsAll { get; }

    /// <summary>The listed entities (empty when <see cref="IsAll"/>).</summary>
    public IReadOnlyCollection<Guid> Entities => _entities;

    public bool Contains(Guid entityId) => IsAll || _entities.Contains(entityId);

    public override string ToString() => IsAll ? "all entities" : $"{_entities.Count} entities";
}
