using System.Runtime.CompilerServices;
using Google.Protobuf.WellKnownTypes;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Core.Addressing;
using Qweeby.Routing.Core.Directory;
using Qweeby.Routing.Core.Routing;
using Qweeby.Routing.Hosting.Grpc;
using ProtoChannel = Qweeby.Routing.Contracts.V1.Channel;
using ProtoEntityKind = Qweeby.Routing.Contracts.V1.EntityKind;
using ProtoRuleVerdict = Qweeby.Routing.Contracts.V1.RuleVerdict;
using RpcStatus = Google.Rpc.Status;
using ServiceProvider = Qweeby.Routing.Contracts.V1.ServiceProvider;
using Route = Qweeby.Routing.Contracts.V1.Route;
using RuleOutcome = Qweeby.Routing.Contracts.V1.RuleOutcome;

namespace Qweeby.Routing.Server.Grpc;

/// <summary>Maps routing results to the public contract. Public fields only: never contacts or customer numbers.</summary>
public static class DirectoryReplies
{
    // A decision the memo gives again is answered with the reply already built for it.
    private static readonly ConditionalWeakTable<RoutingDecision, ResolveReply> Replies = new();

    /// <summary>The reply for a route; one reply per decision, shared by every call given that decision: never modify it.</summary>
    public static ResolveReply ToReply(this RoutingDecision decision) => Replies.GetValue(decision, Build);

    private static ResolveReply Build(RoutingDecision decision) => new()
    {
        Recipient = decision.Recipient!.ToProto(),
        Route = decision.Route!.ToProto(),
        RulePath = { decision.Rules.Select(ToProto) },
        MatchedBy = decision.MatchedBy ?? "",
    };

    public static ExplainReply ToExplainReply(this RoutingDecision decision) => new()
    {
        Rules = { decision.Rules.Select(ToProto) },
        Decision = decision.Rejection is null ? decision.ToReply() : null,
        Rejection = decision.Rejection is { } r ? RpcErrors.Rejected(r).ToItemError() : null,
    };

    public static Recipient ToProto(this EntityFacts entity) => new()
    {
        EntityId = entity.EntityId.ToString(),
        LegalName = entity.LegalName,
        Country = entity.Country,
        Kind = entity.Kind switch
        {
            Core.Directory.EntityKind.Company => ProtoEntityKind.Company,
            Core.Directory.EntityKind.Association => ProtoEntityKind.Association,
            _ => ProtoEntityKind.NaturalPerson,
        },
        Status = entity.IsActive ? EntityStatus.Active : EntityStatus.NonExistent,
        Identifiers = { entity.Identifiers },
    };

    public static ServiceProvider ToProto(this ProviderFacts provider) => new()
    {
        ProviderId = provider.ProviderId,
        Name = provider.Name,
        Endpoint = provider.Endpoint,
        Channel = provider.Channel.ToProto(),
    };

    public static Route ToProto(this RouteChoice route) => new()
    {
        Provider = route.Provider.ToProto(),
        Channel = route.Provider.Channel.ToProto(),
        ChosenBecause = route.ChosenBecause,
        DirectoryLine = route.Line?.ToProto(),
    };

    public static DirectoryLineRef ToProto(this DirectoryLine line) => new()
    {
        LineId = line.LineId,
        Granularity = LineGranularityCodes.Code(line.Granularity),
        Address = line.Address,
        ValidFrom = Timestamp.FromDateTimeOffset(line.ValidFrom),
        ValidTo = line.ValidTo is { } to ? Timestamp.FromDateTimeOffset(to) : null,
    };

    public static ItemError ToItemError(this RpcStatus status) => new()
    {
        Code = status.Code,
        Reason = RpcErrors.ReasonOf(status),
        Message = status.Message,
        FieldViolations =
        {
            RpcErrors.ViolationsOf(status).Select(v => new FieldViolation { Field = v.Field, Reason = v.Reason, Description = v.Description }),
        },
    };

    private static RuleOutcome ToProto(Core.Routing.RuleOutcome outcome) => new()
    {
        Rule = outcome.Rule,
        Fact = outcome.Fact,
        Verdict = outcome.Verdict switch
        {
            Core.Routing.RuleVerdict.Passed => ProtoRuleVerdict.Passed,
            Core.Routing.RuleVerdict.Failed => ProtoRuleVerdict.Failed,
            _ => ProtoRuleVerdict.Skipped,
        },
    };

    private static ProtoChannel ToProto(this Core.Directory.Channel channel) => channel switch
    {
        Core.Directory.Channel.Interoperability => ProtoChannel.Interoperability,
        Core.Directory.Channel.Hosted => ProtoChannel.Hosted,
        Core.Directory.Channel.PublicPortal => ProtoChannel.PublicPortal,
        Core.Directory.Channel.Edi => ProtoChannel.Edi,
        Core.Directory.Channel.EmailPdf => ProtoChannel.EmailPdf,
        _ => ProtoChannel.Paper,
    };
}
