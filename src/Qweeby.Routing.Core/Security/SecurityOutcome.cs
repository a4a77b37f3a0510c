namespace Qweeby.Routing.Core.Security;

/// <summary>How a call was refused; stored as <c>unauthenticated</c> or <c>permission_denied</c>.</summary>
public enum SecurityOutcome
{
    Unauthenticated = 1,
    PermissionDenied = 2,
}
