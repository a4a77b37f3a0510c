using Qweeby.Routing.Core.Addressing;
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
    string? DocumentType)
{
    private (DirectoryLine? Line, IReadOnlyList<string> Notes)? _lineChoice;

    /// <summary>The invoice's date: directory lines valid then are used.</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>What the recipient reference addresses in the French directory; null when it does not.</summary>
    public LineTarget? Target { get; init; }

    /// <summary>Every version of every directory line of the recipient's SIREN.</summary>
    public IReadOnlyList<DirectoryLine> Lines { get; init; } = [];

    /// <summary>The most specific line valid at <see cref="At"/>, and why more specific levels were not used.</summary>
    public (DirectoryLine? Line, IReadOnlyList<string> Notes) LineChoice =>
        _lineChoice ??= Target is null ? (null, []) : LineSelection.Select(Target, Lines, At);
}

/// <summary>The sender as named by the caller, and the entity found (null: unknown).</summary>
public sealed record SenderLookup(string Reference, EntityFacts? Entity);
