using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;
using Qweeby.Routing.Hosting.Options;

namespace Qweeby.Routing.Hosting.Grpc;

/// <summary>
/// Caps how long a unary call runs on the server (<see cref="LimitsOptions.MaxUnaryCallSeconds"/>): the handler
/// sees a cancellation token that fires at the caller's deadline or at the cap, whichever comes first, and a
/// call cut by the cap ends with DEADLINE_EXCEEDED.
/// </summary>
public sealed class UnaryCallDeadline(IOptions<LimitsOptions> limits, TimeProvider time) : Interceptor
{
    private const string HttpContextKey = "__HttpContext";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var cap = TimeSpan.FromSeconds(limits.Value.MaxUnaryCallSeconds);
        using var timer = new CancellationTokenSource(cap, time);
        using var capped = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, timer.Token);
        // GetHttpContext() on a context that is not ASP.NET's own reads it from this user-state key.
        context.UserState[HttpContextKey] = context.GetHttpContext();
        try
        {
            return await continuation(request, new CappedCallContext(context, capped.Token));
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.DeadlineExceeded,
                $"The call ran longer than this server allows ({cap.TotalSeconds:0} s); narrow the request or split it."));
        }
    }

    /// <summary>The call's context with the capped token; everything else is the original's.</summary>
    private sealed class CappedCallContext(ServerCallContext inner, CancellationToken token) : ServerCallContext
    {
        protected override string MethodCore => inner.Method;
        protected override string HostCore => inner.Host;
        protected override string PeerCore => inner.Peer;
        protected override DateTime DeadlineCore => inner.Deadline;
        protected override Metadata RequestHeadersCore => inner.RequestHeaders;
        protected override CancellationToken CancellationTokenCore => token;
        protected override Metadata ResponseTrailersCore => inner.ResponseTrailers;
        protected override Status StatusCore { get => inner.Status; set => inner.Status = value; }
        protected override WriteOptions? WriteOptionsCore { get => inner.WriteOptions; set => inner.WriteOptions = value; }
        protected override AuthContext AuthContextCore => inner.AuthContext;
        protected override IDictionary<object, object> UserStateCore => inner.UserState;

        protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
            throw new NotSupportedException("Context propagation is not used by Qweeby's services.");

        protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => inner.WriteResponseHeadersAsync(responseHeaders);
    }
}
