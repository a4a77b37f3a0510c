using System.Diagnostics.CodeAnalysis;

namespace Qweeby.Routing.Core.Security;

/// <summary>
/// The one spelling of each role outside the code: <c>resolve</c>, <c>submit</c>,
/// <c>account_administrator</c>, <c>platform_administrator</c>, <c>operator</c>, <c>partner</c>
/// (stored, logged, answered by WhoAmI). Parsing also takes the CLI's dashed form and the enum name.
/// </summary>
public static class RoleNames
{
    public static string ToName(this Role role) => role switch
    {
        Role.Resolve => "resolve",
        Role.Submit => "submit",
        Role.AccountAdministrator => "account_administrator",
        Role.PlatformAdministrator => "platform_administrator",
        Role.Operator => "operator",
        Role.Partner => "partner",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role."),
    };

    /// <summary>Every role a credential may carry, in their stored spelling.</summary>
    public static IReadOnlyList<string> All { get; } = Enum.GetValues<Role>().Select(ToName).ToArray();

    public static bool TryParse([NotNullWhen(true)] string? text, out Role role)
    {
        role = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var folded = text.Trim().Replace('-', '_').ToLowerInvariant();
        foreach (var candidate in Enum.GetValues<Role>())
        {
            if (candidate.ToName() == folded || candidate.ToString().Equals(folded.Replace("_", ""), StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }
        return false;
    }
}
