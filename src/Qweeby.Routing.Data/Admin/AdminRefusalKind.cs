namespace Qweeby.Routing.Data.Admin;

/// <summary>How an admin change was refused; the admin host maps each to one gRPC status.</summary>
public enum AdminRefusalKind
{
    /// <summary>Something the request names does not exist (NOT_FOUND).</summary>
    NotFound,

    /// <summary>The change would take something another record holds (ALREADY_EXISTS).</summary>
    Conflict,

    /// <summary>The records are not in a state that allows the change (FAILED_PRECONDITION).</summary>
    Precondition,

    /// <summary>The caller's rights do not reach what the change touches (PERMISSION_DENIED).</summary>
    Forbidden,
}
