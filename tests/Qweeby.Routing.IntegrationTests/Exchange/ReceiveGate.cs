using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Qweeby.Routing.IntegrationTests.Exchange;

/// <summary>
/// Installed on B: the first Receive is handled (the invoice is stored) but its answer is held until the
/// caller gives up, as if the answer were lost on the way back, or until the test lets it go
/// (<see cref="Release"/>). Later calls pass.
/// </summary>
public sealed class ReceiveGate : Interceptor
{
    private int _calls;

    public TaskCompletionSource Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Installs this gate on a host being built (B's <c>configureB</c>).</summary>
    public void Install(WebApplicationBuilder host)
    {
        host.Services.AddSingleton(this);
        host.Services.AddGrpc(o => o.Interceptors.Add<ReceiveGate>());
    }

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var response = await continuation(request, context);
        if (!context.Method.EndsWith("/Receive", StringComparison.Ordinal) || Interlocked.Increment(ref _calls) > 1)
            return response;
        Stored.TrySetResult();
        await Release.Task.WaitAsync(context.CancellationToken);
        return response;
    }
}
