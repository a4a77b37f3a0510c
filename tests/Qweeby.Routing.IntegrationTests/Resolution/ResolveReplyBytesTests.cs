using Google.Protobuf;
using Grpc.Core;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Server.Grpc;

namespace Qweeby.Routing.IntegrationTests.Resolution;

public sealed class ResolveReplyBytesTests
{
    [Fact]
    public void Resolve_is_bound_with_a_serializer_that_writes_the_replys_own_bytes_and_reuses_them()
    {
        var binder = new Recorder();
        RecipientDirectoryBinding.BindService(binder, null);
        var resolve = Assert.IsType<Method<ResolveRequest, ResolveReply>>(binder.Methods.Single(m => m.Name == "Resolve"));
        Assert.Equal(["Explain", "Resolve", "ResolveBatch", "Search"], binder.Methods.Select(m => m.Name).Order());
        var reply = new ResolveReply
        {
            Recipient = new Recipient { EntityId = Guid.NewGuid().ToString(), LegalName = "Société Générale d'Équipements", Identifiers = { "0009:73282932000074" } },
            RulePath = { new RuleOutcome { Rule = "recipient_found", Fact = "matched", Verdict = RuleVerdict.Passed } },
            MatchedBy = "0009:73282932000074",
        };

        var first = Serialize(resolve, reply);
        var again = Serialize(resolve, reply);

        Assert.Equal(reply.ToByteArray(), first);
        Assert.Same(first, again);
        Assert.Equal(reply, ResolveReply.Parser.ParseFrom(first));
    }

    private static byte[] Serialize(Method<ResolveRequest, ResolveReply> method, ResolveReply reply)
    {
        var context = new Captured();
        method.ResponseMarshaller.ContextualSerializer(reply, context);
        return context.Payload!;
    }

    private sealed class Captured : SerializationContext
    {
        public byte[]? Payload { get; private set; }

        public override void Complete(byte[] payload) => Payload = payload;
    }

    private sealed class Recorder : ServiceBinderBase
    {
        public List<IMethod> Methods { get; } = [];

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
            Methods.Add(method);
    }
}
