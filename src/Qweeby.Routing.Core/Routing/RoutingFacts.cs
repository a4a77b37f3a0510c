using Qweeby.Routing.Core.Directory;

namespace Qweeby.Routing.Core.Routing;

/// <summary>Everything one routing decision needs, loaded before deciding (see <see cref="RoutingPolicy"/>).</summary>
/// <param name="Sender">Null when the caller named no sender: sender-side rules are skipped.</param>
/// <param name="Relation">Sender → recipient facts; <see cref="RelationFacts.None"/> without both.</param>
/// <param name="Providers">Every known provider by id.</param>
public sealed record RoutingFacts(
    SenderLookup? Sender,
    RecipientLookup Recipient,
    RelationFacts Relation,
    IReadOnlyDictionary<string, ProviderFacts> Providers,
    string? DocumentType);

/// <summary>The sender as named by the caller, and the entity found (null: unknown).</summary>
public sealed record SenderLookup(string Reference, EntityFacts? Entity);
