using System.Diagnostics;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Qweeby.Routing.Core.Security;

namespace Qweeby.Routing.Hosting.Security;

/// <summary>What both authentication handlers answer, in one shape.</summary>
internal static class AuthenticationResults
{
    public static AuthenticateResult From(HttpContext context, AuthenticationOutcome outcome, string scheme, string? detail = null)
    {
        if (outcome.Caller is { } caller)
        {
            Activity.Current?.SetTag("qweeby.caller", caller.Id);
            return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new CallerIdentity(caller, scheme)), scheme));
        }
        return Fail(context, new CredentialFailure(outcome.FailureReason!, outcome.ClaimedCallerId, detail));
    }

    public static AuthenticateResult Fail(HttpContext context, CredentialFailure failure)
    {
        context.Features.Set(failure);
        return AuthenticateResult.Fail(failure.Reason);
    }
}
