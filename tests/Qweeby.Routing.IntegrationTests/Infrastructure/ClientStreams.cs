using Grpc.Core;

namespace Qweeby.Routing.IntegrationTests.Infrastructure;

/// <summary>Uploads through a client-streaming call the way a careful client does.</summary>
public static class ClientStreams
{
    /// <summary>
    /// Writes every message, completes, and returns the reply. A call the server ends early (a refusal) can fail a
    /// write with CANCELLED; its real status comes with the reply, so writing stops and the reply is awaited.
    /// </summary>
    public static async Task<TResponse> SendAllAsync<TRequest, TResponse>(AsyncClientStreamingCall<TRequest, TResponse> call, IEnumerable<TRequest> messages)
    {
        try
        {
            foreach (var message in messages)
                await call.RequestStream.WriteAsync(message);
            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // Ended by the server: see the reply.
        }
        return await call;
    }
}
