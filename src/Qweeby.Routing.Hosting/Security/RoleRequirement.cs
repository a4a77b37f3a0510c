using Microsoft.AspNetCore.Authorization;
using Qweeby.Routing.Core.Security;

namespace Qweeby.Routing.Hosting.Security;

/// <summary>Met when the caller holds <see cref="Role"/>'s rights (<see cref="Caller.Has"/>).</summary>
public sealed class RoleRequirement(Role role) : AuthorizationHandler<RoleRequirement>, IAuthorizationRequirement
{
    public Role Role { get; } = role;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RoleRequirement requirement)
    {
        if (context.User.Identity is CallerIdentity { Caller: var caller } && caller.Has(requirement.Role))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
