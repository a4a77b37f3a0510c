using Microsoft.AspNetCore.Authorization;
using Qweeby.Routing.Core.Security;

namespace Qweeby.Routing.Hosting.Security;

/// <summary>
/// Authorization policies for gRPC service methods, e.g. <c>[Authorize(Policy = Policies.Resolve)]</c>
/// on a method or a service class. Each needs an authenticated caller holding the role (a platform
/// administrator holds all but <see cref="Partner"/>). Without an attribute a method still needs an
/// authenticated caller (the fallback policy); only <c>grpc.health.v1.Health</c> answers anyone.
/// Entity scope depends on the request, so services check it themselves:
/// <c>context.DemandMayActFor(entityId, Role.Submit)</c>.
/// </summary>
public static class Policies
{
    public const string Resolve = "role:resolve";
    public const string Submit = "role:submit";
    public const string AccountAdministrator = "role:account_administrator";
    public const string PlatformAdministrator = "role:platform_administrator";
    public const string Operator = "role:operator";
    public const string Partner = "role:partner";

    private static readonly (string Name, Role Role)[] ByRole =
    [
        (Resolve, Role.Resolve),
        (Submit, Role.Submit),
        (AccountAdministrator, Role.AccountAdministrator),
        (PlatformAdministrator, Role.PlatformAdministrator),
        (Operator, Role.Operator),
        (Partner, Role.Partner),
    ];

    internal static void Configure(AuthorizationOptions options)
    {
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        foreach (var (name, role) in ByRole)
            options.AddPolicy(name, p => p.RequireAuthenticatedUser().AddRequirements(new RoleRequirement(role)));
    }
}
