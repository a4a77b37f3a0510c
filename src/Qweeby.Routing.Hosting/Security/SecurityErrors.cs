using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Qweeby.Routing.Core.Security;

namespace Qweeby.Routing.Hosting.Security;

/// <summary>
/// The one place that turns security refusals into gRPC statuses: code, a message saying what to do,
/// and an ErrorInfo (domain <c>routing.qweeby</c>, reason from <see cref="SecurityReasons"/>).
/// Throw with <c>.ToRpcException()</c> (Grpc.StatusProto).
/// </summary>
public static class SecurityErrors
{
    public static Google.Rpc.Status Unauthenticated(string reason, string? claimedCallerId = null, string? detail = null)
    {
        var message = reason switch
        {
            SecurityReasons.CredentialsMissing =>
                "This method needs credentials: send the metadata 'authorization: Bearer qk_<key id>_<secret>' with an API key "
                + "(created with 'qweeby credentials create'), or, as a partner access point, connect over TLS with the client certificate registered to your service provider.",
            SecurityReasons.CredentialsInvalid =>
                "The API key is not valid: send 'authorization: Bearer qk_<key id>_<secret>' exactly as printed when the key was created; "
                + "if it was lost, ask an administrator for a new key.",
            SecurityReasons.CredentialsRevoked =>
                $"The API key {claimedCallerId} was revoked: ask an administrator for a new key.",
            SecurityReasons.CredentialsNotAllowed =>
                $"The API key {claimedCallerId} combines the operator role with entity-scoped roles, which would act for every entity: "
                + "ask an administrator for an operator key and a separate key for the entities it acts for.",
            SecurityReasons.CertificateUnknown =>
                $"The client certificate (SHA-256 {detail}) is registered to no service provider: ask Qweeby operations to register it for your access point.",
            SecurityReasons.CertificateUntrusted =>
                $"The client certificate (SHA-256 {detail}) is expired, not yet valid, or not issued by an authority this host trusts: present a current certificate from the agreed authority.",
            SecurityReasons.ProviderSuspended =>
                $"The client certificate belongs to {claimedCallerId}, which is suspended: contact Qweeby operations to reactivate it.",
            _ => $"The credentials were refused ({reason}).",
        };
        var info = Info(reason);
        if (claimedCallerId is not null)
            info.Metadata["caller_id"] = claimedCallerId;
        if (detail is not null && reason is SecurityReasons.CertificateUnknown or SecurityReasons.CertificateUntrusted or SecurityReasons.ProviderSuspended)
            info.Metadata["certificate_sha256"] = detail;
        return Status(Code.Unauthenticated, message, info);
    }

    public static Google.Rpc.Status RoleRequired(string method, IReadOnlyCollection<Role> roles, Caller? caller)
    {
        var needed = roles.Count == 0 ? "another role" : string.Join(" or ", roles.Select(r => r.ToName()));
        var has = caller is null ? "" : $"; {caller.Id} has {string.Join(", ", caller.Roles.Select(r => r.ToName()))}";
        var info = Info(SecurityReasons.RoleRequired);
        info.Metadata["method"] = method;
        info.Metadata["required_roles"] = string.Join(",", roles.Select(r => r.ToName()));
        return Status(Code.PermissionDenied, $"{method} needs the role {needed}{has}. Ask an administrator for a key with that role.", info);
    }

    public static Google.Rpc.Status EntityOutOfScope(Caller caller, Guid entityId, Role role)
    {
        var info = Info(SecurityReasons.EntityOutOfScope);
        info.Metadata["entity_id"] = entityId.ToString();
        info.Metadata["role"] = role.ToName();
        return Status(Code.PermissionDenied,
            $"{caller.Id} may not act as {role.ToName()} for entity {entityId}: its credentials cover other entities. Use a key issued for that entity.", info);
    }

    public static Google.Rpc.Status RateLimited(TimeSpan retryAfter)
    {
        var status = Status(Code.ResourceExhausted,
            $"Too many calls from this caller: retry after {retryAfter.TotalMilliseconds:0} ms, and spread calls out or batch them.",
            Info(SecurityReasons.RateLimited));
        status.Details.Add(Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(retryAfter) }));
        return status;
    }

    public static Google.Rpc.Status CredentialStoreUnavailable()
    {
        var status = Status(Code.Unavailable,
            "The credentials could not be checked because the directory database does not answer: retry with backoff.",
            Info(SecurityReasons.CredentialStoreUnavailable));
        status.Details.Add(Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(Grpc.StoreUnavailable.RetryAfter) }));
        return status;
    }

    private static ErrorInfo Info(string reason) => new() { Domain = SecurityReasons.Domain, Reason = reason };

    private static Google.Rpc.Status Status(Code code, string message, ErrorInfo info) => new()
    {
        Code = (int)code,
        Message = message,
        Details = { Any.Pack(info) },
    };
}
