using Qweeby.Routing.Core.Directory;
using Qweeby.Routing.Core.Routing;

namespace Qweeby.Routing.Core.Tests.Routing;

/// <summary>Builds routing facts for one scenario: an active, reachable recipient unless told otherwise.</summary>
internal sealed record Facts
{
    public static readonly ProviderFacts Nord = new("ap-nord", "AP Nord", "http://nord", Channel.Interoperability, true);
    public static readonly ProviderFacts Sud = new("ap-sud", "AP Sud", "http://sud", Channel.Interoperability, true);
    public static readonly ProviderFacts Here = new("qweeby", "Qweeby", "http://here", Channel.Hosted, true);

    public EntityFacts Recipient { get; init; } = Entity("Société Générale d'Équipements", "0009:73282932000074")
        with { Registrations = [new("ap-nord", [], true)] };

    public EntityFacts? Sender { get; init; } = Entity("Qweeby Demo Fournitures", "0009:55203253400646");
    public bool SenderGiven { get; init; } = true;
    public bool RecipientFound { get; init; } = true;
    public RecipientReferenceKind Kind { get; init; } = RecipientReferenceKind.Identifier;
    public RelationFacts Relation { get; init; } = RelationFacts.None;
    public string? DocumentType { get; init; }
    public IReadOnlyList<ProviderFacts> Providers { get; init; } = [Nord, Sud, Here];

    public static EntityFacts Entity(string name, string id) =>
        new(Guid.NewGuid(), EntityKind.Company, name, "FR", true, [id], true, DirectoryMode.Open, DirectoryMode.Open, []);

    public RoutingDecision Decide() => RoutingPolicy.Decide(new RoutingFacts(
        SenderGiven ? new SenderLookup("0009:55203253400646", Sender) : null,
        RecipientFound
            ? RecipientLookup.Found(Kind, Reference, Recipient, Kind == RecipientReferenceKind.Identifier ? "0009:73282932000074" : $"customer-number:{Reference}")
            : RecipientLookup.NotFound(Kind, Reference),
        Relation,
        Providers.ToDictionary(p => p.ProviderId),
        DocumentType));

    private string Reference => Kind == RecipientReferenceKind.Identifier ? "0009:73282932000074" : "CLI-0042";
}
