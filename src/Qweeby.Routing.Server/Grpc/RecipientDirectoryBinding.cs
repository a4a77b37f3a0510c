using System.Runtime.CompilerServices;
using Google.Protobuf;
using Grpc.Core;
using Qweeby.Routing.Contracts.V1;

namespace Qweeby.Routing.Server.Grpc;

/// <summary>
/// Binds RecipientDirectory as generated, except that a Resolve reply is serialized once per reply object and its
/// bytes written again for every call answered with that object: <see cref="DirectoryReplies.ToReply"/> gives one
/// reply per decision, and the decision memo gives the same decision while the facts are the same.
/// </summary>
public static class RecipientDirectoryBinding
{
    private static readonly ConditionalWeakTable<ResolveReply, byte[]> Serialized = new();

    // Typed as the generated base: grpc-dotnet binds the handlers that override its methods.
    public static void BindService(ServiceBinderBase binder, RecipientDirectory.RecipientDirectoryBase? service) =>
        RecipientDirectory.BindService(new ResolveRepliesOnce(binder), service);

    /// <summary>Resolve's method with the reply serializer that keeps the bytes.</summary>
    public static Method<ResolveRequest, ResolveReply> WithSerializedReplies(Method<ResolveRequest, ResolveReply> method) =>
        new(method.Type, method.ServiceName, method.Name, method.RequestMarshaller, new Marshaller<ResolveReply>(
            (reply, context) => context.Complete(Serialized.GetValue(reply, static r => r.ToByteArray())),
            method.ResponseMarshaller.ContextualDeserializer));

    private sealed class ResolveRepliesOnce(ServiceBinderBase inner) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
            inner.AddMethod(method is Method<ResolveRequest, ResolveReply> resolve ? (Method<TRequest, TResponse>)(object)WithSerializedReplies(resolve) : method, handler);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
            inner.AddMethod(method, handler);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
            inner.AddMethod(method, handler);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
            inner.AddMethod(method, handler);
    }
}
