using Grpc.Core;
using Grpc.Core.Interceptors;

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
