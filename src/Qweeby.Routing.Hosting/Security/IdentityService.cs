using Grpc.Core;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Core.Security;

namespace Qweeby.Routing.Hosting.Security;

/// <summary><c>Identity.WhoAmI</c>: how the host authenticated the call. Any authenticated caller.</summary>
internal sealed class IdentityService : Identity.IdentityBase
{
    public override Task<WhoAmIReply> WhoAmI(WhoAmIRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var reply = new WhoAmIReply
        {
            CallerId = caller.Id,
            DisplayName = caller.DisplayName,
            Kind = caller.Kind == Core.Security.CallerKind.ApiKey ? Contracts.V1.CallerKind.ApiKey : Contracts.V1.CallerKind.ClientCertificate,
            AllEntities = caller.Scope.IsAll,
            ProviderId = caller.ProviderId ?? "",
        };
        reply.Roles.AddRange(caller.Roles.Select(r => r.ToName()).Order(StringComparer.Ordinal));
        reply.EntityIds.AddRange(caller.Scope.Entities.Select(e => e.ToString()).Order(StringComparer.Ordinal));
        return Task.FromResult(reply);
    }
}
