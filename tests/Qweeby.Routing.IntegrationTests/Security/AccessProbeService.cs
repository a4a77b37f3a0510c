using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Qweeby.Routing.Core.Security;
using Qweeby.Routing.Hosting.Security;

namespace Qweeby.Routing.IntegrationTests.Security;

/// <summary>The test-only <c>AccessProbe</c>: authorized exactly as real services will be (see access_probe.proto).</summary>
public sealed class AccessProbeService : AccessProbe.AccessProbeBase
{
    [Authorize(Policy = Policies.Resolve)]
    public override Task<ProbeReply> Resolve(ProbeRequest request, ServerCallContext context) => Reply(context);

    [Authorize(Policy = Policies.PlatformAdministrator)]
    public override Task<ProbeReply> Administer(ProbeRequest request, ServerCallContext context) => Reply(context);

    [Authorize(Policy = Policies.Partner)]
    public override Task<ProbeReply> Receive(ProbeRequest request, ServerCallContext context) => Reply(context);

    public override Task<ProbeReply> SubmitFor(ProbeRequest request, ServerCallContext context)
    {
        var caller = context.DemandMayActFor(Guid.Parse(request.EntityId), Role.Submit);
        return Task.FromResult(new ProbeReply { CallerId = caller.Id });
    }

    public override async Task<ProbeReply> WaitForCancellation(ProbeRequest request, ServerCallContext context)
    {
        await Task.Delay(Timeout.Infinite, context.CancellationToken);
        return new ProbeReply();
    }

    private static Task<ProbeReply> Reply(ServerCallContext context) =>
        Task.FromResult(new ProbeReply { CallerId = context.GetCaller().Id });
}
