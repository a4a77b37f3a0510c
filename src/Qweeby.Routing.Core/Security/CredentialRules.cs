namespace Qweeby.Routing.Core.Security;

/// <summary>
/// Which role and scope combinations an API key may have. Platform administrators and operators are
/// platform-wide; account administrators administer listed entities; resolve and submit keys act for
/// listed entities or, for internal platform services, explicitly for all. Partners use certificates.
/// A key has one scope for all its roles, so an operator key holds no entity-scoped role: the operator's
/// every-entity scope would extend to it.
/// </summary>
public static class CredentialRules
{
    public const int MaxNameLength = 100;

    private static readonly Role[] EntityScoped = [Role.Resolve, Role.Submit, Role.AccountAdministrator];

    /// <summary>Null when the key may be created, else what to change.</summary>
    public static string? Problem(string? name, IReadOnlyCollection<Role> roles, EntityScope scope)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength || name.Any(char.IsControl))
            return $"A key needs a name of 1 to {MaxNameLength} printable characters saying who holds it, e.g. 'invoicing-backend'.";
        if (roles.Count == 0)
            return $"A key needs at least one role: {string.Join(", ", RoleNames.All.Where(r => r != "partner"))}.";
        if (roles.Contains(Role.Partner))
            return "Partner access points authenticate with their client certificate, registered with their service provider; they get no API key.";
        if (ScopedRolesOfAnOperatorKey(roles) is { Count: > 0 } scoped)
            return $"An operator key acts for every entity, and so would its other roles: give {string.Join(", ", scoped.Select(r => r.ToName()))} to a separate key, for the entities it acts for.";
        var platformWide = roles.Contains(Role.PlatformAdministrator) || roles.Contains(Role.Operator);
        if (platformWide && scope.Entities.Count > 0)
            return "Platform administrators and operators act for every entity: drop the entity list.";
        if (platformWide)
            return null;
        if (roles.Contains(Role.AccountAdministrator) && scope.IsAll)
            return "An account administrator administers listed entities: give them, or use the platform_administrator role.";
        if (!scope.IsAll && scope.Entities.Count == 0)
            return "Say which entities the key acts for (entity ids), or that it acts for all entities (internal platform services only).";
        return null;
    }

    /// <summary>
    /// The entity-scoped roles an operator key (not a platform administrator's) holds: none may be created, and one made
    /// before this rule is refused at authentication, as its every-entity scope extends to them.
    /// </summary>
    public static IReadOnlyList<Role> ScopedRolesOfAnOperatorKey(IReadOnlyCollection<Role> roles) =>
        roles.Contains(Role.Operator) && !roles.Contains(Role.PlatformAdministrator) ? [.. roles.Where(EntityScoped.Contains)] : [];

    /// <summary>The scope to store: platform-wide roles are stored as all entities.</summary>
    public static EntityScope Normalize(IReadOnlyCollection<Role> roles, EntityScope scope) =>
        roles.Contains(Role.PlatformAdministrator) || roles.Contains(Role.Operator) ? EntityScope.All : scope;
}
