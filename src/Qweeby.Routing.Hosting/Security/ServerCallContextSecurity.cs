using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Qweeby.Routing.Core.Security;

namespace Qweeby.Routing.Hosting.Security;

/// <summary>The caller of a gRPC call, and the entity-scope checks services make once they know the entity.</summary>
public static class ServerCallContextSecurity
{
    /// <summary>The authenticated caller. Every method but health requires one, so this only throws on an anonymous endpoint.</summary>
    public static Caller GetCaller(this ServerCallContext context) =>
        context.GetHttpContext().User.Identity is CallerIdentity identity
            ? identity.Caller
            : throw new InvalidOperationException($"{context.Method} has no authenticated caller: it must not allow anonymous calls.");

    /// <summary>
    /// The caller, if it may act in <paramref name="role"/> for <paramref name="entityId"/>; else throws
    /// PERMISSION_DENIED (ENTITY_OUT_OF_SCOPE, or ROLE_REQUIRED) and audits the refusal.
    /// </summary>
    public static Caller DemandMayActFor(this ServerCallContext context, Guid entityId, Role role)
    {
        var caller = context.GetCaller();
        if (caller.MayActFor(entityId, role))
            return caller;
        var http = context.GetHttpContext();
        var outOfScope = caller.Has(role);
        http.RequestServices.GetRequiredService<SecurityAudit>().Refused(http, SecurityOutcome.PermissionDenied,
            outOfScope ? SecurityReasons.EntityOutOfScope : SecurityReasons.RoleRequired, caller.Id);
        throw (outOfScope
            ? SecurityErrors.EntityOutOfScope(caller, entityId, role)
            : SecurityErrors.RoleRequired(context.Method, [role], caller)).ToRpcException();
    }

    /// <summary>The caller, if it may administer <paramref name="entityId"/> (account administrator of it, or platform administrator).</summary>
    public static Caller DemandMayAdminister(this ServerCallContext context, Guid entityId) =>
        context.DemandMayActFor(entityId, Role.AccountAdministrator);
}
