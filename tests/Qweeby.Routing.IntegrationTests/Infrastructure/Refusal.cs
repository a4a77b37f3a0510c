using Google.Rpc;
using Grpc.Core;

namespace Qweeby.Routing.IntegrationTests.Infrastructure;

/// <summary>Asserts how a call was refused: gRPC status and the google.rpc ErrorInfo reason.</summary>
public static class Refusal
{
    public static async Task<RpcException> AssertAsync(StatusCode code, string reason, Func<Task> call)
    {
        var refused = await Assert.ThrowsAsync<RpcException>(call);
        Assert.True(refused.StatusCode == code, $"Expected {code} ({reason}), got {refused.StatusCode}: {refused.Status.Detail}");
        Assert.Equal(reason, ReasonOf(refused));
        return refused;
    }

    /// <summary>The ErrorInfo reason of a refusal (domain routing.qweeby), or null when it has none.</summary>
    public static string? ReasonOf(RpcException refused)
    {
        var info = refused.GetRpcStatus()?.GetDetail<ErrorInfo>();
        if (info is null)
            return null;
        Assert.Equal("routing.qweeby", info.Domain);
        return info.Reason;
    }
}
