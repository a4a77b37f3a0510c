using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Qweeby.Routing.Hosting.Grpc;

/// <summary>
/// Postgres unreachable, restarting, out of connections or timing out while a call runs: the call ends UNAVAILABLE
/// (reason <c>STORE_UNAVAILABLE</c>, with a RetryInfo), which clients and gRPC retry policies retry, instead of the
/// UNKNOWN an escaped exception gives. Only transient failures (<see cref="IsTransient"/>): any other exception is a
/// bug and stays as it was. Submit retried with its message id and a status with its status id are never applied twice.
/// </summary>
public sealed class StoreUnavailable(ILogger<StoreUnavailable> logger) : Interceptor
{
    /// <summary>The retry delay given with STORE_UNAVAILABLE (and CREDENTIAL_STORE_UNAVAILABLE, the same outage met in authentication).</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (IsTransient(e, context))
        {
            throw Unavailable(e, context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception e) when (IsTransient(e, context))
        {
            throw Unavailable(e, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (IsTransient(e, context))
        {
            throw Unavailable(e, context);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception e) when (IsTransient(e, context))
        {
            throw Unavailable(e, context);
        }
    }

    /// <summary>
    /// A store failure worth retrying, not one the caller's own cancellation caused: what Npgsql calls transient (broken
    /// connections, client timeouts, an exhausted pool, deadlocks, lost connections), the server shutting down or starting
    /// (57P01 to 57P03) and its own timeouts (57014 statement, 57P05 idle session), which Npgsql does not count as
    /// transient; but not 55000 (object not in prerequisite state), which Npgsql does and which a retry repeats.
    /// </summary>
    public static bool IsTransient(Exception e, ServerCallContext context) =>
        !context.CancellationToken.IsCancellationRequested && e switch
        {
            PostgresException p => p.SqlState is "57P01" or "57P02" or "57P03" or "57014" or "57P05" || (p.IsTransient && p.SqlState != "55000"),
            NpgsqlException n => n.IsTransient,
            _ => false,
        };

    private RpcException Unavailable(Exception e, ServerCallContext context)
    {
        logger.LogWarning(e, "{Method}: Postgres did not answer; the call ends UNAVAILABLE", context.Method);
        return RpcErrors.StoreUnavailable(RetryAfter).ToException();
    }
}
