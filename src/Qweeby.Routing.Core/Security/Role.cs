namespace Qweeby.Routing.Core.Security;

/// <summary>What a caller may do. A credential carries one or more roles; see <see cref="Caller.Has"/>.</summary>
public enum Role
{
    /// <summary>An internal caller resolving recipients (Resolve, ResolveBatch, Search, Explain) for its entities.</summary>
    Resolve = 1,

    /// <summary>An internal caller submitting invoices and reading its transmissions, for its entities.</summary>
    Submit = 2,

    /// <summary>Administers its entities' settings, customer and supplier directories.</summary>
    AccountAdministrator = 3,

    /// <summary>Everything, for every entity: implies every role but <see cref="Partner"/>.</summary>
    PlatformAdministrator = 4,

    /// <summary>Exchange operations across the platform: show transmissions, replay dead letters.</summary>
    Operator = 5,

    /// <summary>A partner access point, authenticated by its client certificate only; acts as its service provider.</summary>
    Partner = 6,
}
