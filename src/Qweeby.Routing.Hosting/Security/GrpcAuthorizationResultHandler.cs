using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Qweeby.Routing.Core.Security;

namespace Qweeby.Routing.Hosting.Security;

/// <summary>
/// Answers refused gRPC calls with UNAUTHENTICATED or PERMISSION_DENIED and an ErrorInfo saying why
/// (instead of ASP.NET's HTTP 401/403, which clients see without details), and audits each refusal.
/// </summary>
internal sealed class GrpcAuthorizationResultHandler(SecurityAudit audit) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _http = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded || !GrpcErrorResponse.IsGrpc(context.Request))
        {
            await _http.HandleAsync(next, context, policy, authorizeResult);
            return;
        }
        if (authorizeResult.Challenged)
        {
            var failure = context.Features.Get<CredentialFailure>() ?? new CredentialFailure(SecurityReasons.CredentialsMissing, null);
            if (failure.Reason == SecurityReasons.CredentialStoreUnavailable)
            {
                await GrpcErrorResponse.WriteAsync(context, SecurityErrors.CredentialStoreUnavailable());
                return;
            }
            audit.Refused(context, SecurityOutcome.Unauthenticated, failure.Reason, failure.ClaimedCallerId);
            await GrpcErrorResponse.WriteAsync(context, SecurityErrors.Unauthenticated(failure.Reason, failure.ClaimedCallerId, failure.Detail));
            return;
        }
        var caller = (context.User.Identity as CallerIdentity)?.Caller;
        var roles = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<RoleRequirement>().Select(r => r.Role).ToList() ?? [];
        audit.Refused(context, SecurityOutcome.PermissionDenied, SecurityReasons.RoleRequired, caller?.Id);
        await GrpcErrorResponse.WriteAsync(context, SecurityErrors.RoleRequired(context.Request.Path.Value ?? "", roles, caller));
    }
}
