using Google.Rpc;
using Grpc.Core;

namespace Qweeby.Routing.IntegrationTests.Infrastructure;

/// <summary>Assertions on gRPC failures and their google.rpc details.</summary>
public static class RpcAssert
{
    public static async Task<RpcException> FailsAsync(StatusCode code, Func<Task> call)
    {
        var failure = await Assert.ThrowsAsync<RpcException>(call);
        Assert.True(failure.StatusCode == code, $"expected {code}, got {failure.StatusCode}: {failure.Status.Detail}");
        return failure;
    }

    /// <summary>The ErrorInfo reason the call fails with, or null when it succeeds (for polling until a refusal shows).</summary>
    public static async Task<string?> RefusalOf(Func<Task> call)
    {
        try
        {
            await call();
            return null;
        }
        catch (RpcException e)
        {
            return e.Reason();
        }
    }

    public static string Reason(this RpcException failure) =>
        failure.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason ?? "";

    public static IReadOnlyList<BadRequest.Types.FieldViolation> Violations(this RpcException failure) =>
        failure.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.ToList() ?? [];
}
