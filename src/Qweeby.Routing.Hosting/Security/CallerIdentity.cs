using System.Security.Claims;
using Qweeby.Routing.Core.Security;

namespace Qweeby.Routing.Hosting.Security;

/// <summary>The authenticated identity of a call, carrying its <see cref="Core.Security.Caller"/> so nothing re-parses claims.</summary>
public sealed class CallerIdentity : ClaimsIdentity
{
    public CallerIdentity(Caller caller, string scheme)
        : base(ClaimsOf(caller), scheme, ClaimTypes.Name, ClaimTypes.Role) => Caller = caller;

    public Caller Caller { get; }

    private static IEnumerable<Claim> ClaimsOf(Caller caller) =>
    [
        new(ClaimTypes.NameIdentifier, caller.Id),
        new(ClaimTypes.Name, caller.DisplayName),
        .. caller.Roles.Select(r => new Claim(ClaimTypes.Role, r.ToName())),
    ];
}
