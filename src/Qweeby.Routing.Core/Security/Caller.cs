namespace Qweeby.Routing.Core.Security;

/// <summary>
/// The authenticated party behind a call: an API key's holder or a partner access point. Immutable
/// and shared between calls of the same credential. Every authorization question goes through
/// <see cref="Has"/>, <see cref="MayActFor"/> and <see cref="MayAdminister"/>.
/// </summary>
public sealed class Caller
{
    private readonly HashSet<Role> _roles;

    public Caller(string id, string displayName, CallerKind kind, IEnumerable<Role> roles, EntityScope scope, string? providerId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        Id = id;
        DisplayName = displayName;
        Kind = kind;
        _roles = [.. roles];
        // A platform administrator is platform-wide whatever was stored.
        Scope = _roles.Contains(Role.PlatformAdministrator) ? EntityScope.All : scope;
        ProviderId = providerId;
    }

    /// <summary>Stable id for audit, logs and rate limiting: <c>key:&lt;key id&gt;</c> or <c>provider:&lt;provider id&gt;</c>.</summary>
    public string Id { get; }

    public string DisplayName { get; }

    public CallerKind Kind { get; }

    /// <summary>The roles the credential was given (not the ones implied by platform administration).</summary>
    public IReadOnlyCollection<Role> Roles => _roles;

    public EntityScope Scope { get; }

    /// <summary>The service provider a partner access point is; null for API keys.</summary>
    public string? ProviderId { get; }

    public bool IsPlatformAdministrator => _roles.Contains(Role.PlatformAdministrator);

    /// <summary>
    /// Whether the caller holds <paramref name="role"/>'s rights. A platform administrator holds every
    /// role's rights except <see cref="Role.Partner"/>: only a partner's own certificate speaks for a partner.
    /// </summary>
    public bool Has(Role role) =>
        _roles.Contains(role) || (role != Role.Partner && IsPlatformAdministrator);

    /// <summary>Whether the caller may act in <paramref name="role"/> for <paramref name="entityId"/>: role held and entity in scope.</summary>
    public bool MayActFor(Guid entityId, Role role) => Has(role) && Scope.Contains(entityId);

    /// <summary>Whether the caller may change <paramref name="entityId"/>'s settings and directories.</summary>
    public bool MayAdminister(Guid entityId) => MayActFor(entityId, Role.AccountAdministrator);

    public override string ToString() => $"{Id} ({DisplayName})";
}
