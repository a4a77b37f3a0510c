using System.Runtime.CompilerServices;
using Qweeby.Routing.Core.Addressing;
using Qweeby.Routing.Core.Directory;

namespace Qweeby.Routing.Core.Routing;

/// <summary>
/// <see cref="RoutingPolicy.Decide"/>, remembering the last decision made for each recipient entity and giving it
/// again while the facts are the same: the cached fact objects themselves (immutable, replaced on invalidation), the
/// same references and document type, and a date within the span where the same directory lines apply. A resolution
/// answered from the cache then builds no rule path. Kept as long as the recipient's facts object lives.
/// </summary>
public sealed class DecisionMemo
{
    private readonly ConditionalWeakTable<EntityFacts, Remembered> _byRecipient = new();

    public RoutingDecision Decide(RoutingFacts facts)
    {
        if (facts.Recipient is not { Entity: { } recipient, Candidates.Count: 0 })
            return RoutingPolicy.Decide(facts);
        if (_byRecipient.TryGetValue(recipient, out var last) && last.AppliesTo(facts))
            return last.Decision;
        var decision = RoutingPolicy.Decide(facts);
        _byRecipient.AddOrUpdate(recipient, new Remembered(facts, decision, LineSelection.SameChoiceSpan(facts.Lines, facts.At)));
        return decision;
    }

    private sealed class Remembered(RoutingFacts facts, RoutingDecision decision, (DateTimeOffset From, DateTimeOffset Until) span)
    {
        public RoutingDecision Decision => decision;

        /// <summary>Everything <see cref="RoutingPolicy.Decide"/> reads, compared with what this decision was made from.</summary>
        public bool AppliesTo(RoutingFacts other) =>
            ReferenceEquals(facts.Providers, other.Providers)
            && ReferenceEquals(facts.Relation, other.Relation)
            && SameLines(facts.Lines, other.Lines)
            && SameSender(facts.Sender, other.Sender)
            && SameRecipient(facts.Recipient, other.Recipient)
            && facts.DocumentType == other.DocumentType
            && Equals(facts.Target, other.Target)
            && facts.At.Offset == other.At.Offset && span.From <= other.At && other.At < span.Until;

        /// <summary>The same cached line objects, in the same order: a target's lines are joined anew from its addresses' cached lists.</summary>
        private static bool SameLines(IReadOnlyList<DirectoryLine> a, IReadOnlyList<DirectoryLine> b)
        {
            if (ReferenceEquals(a, b))
                return true;
            if (a.Count != b.Count)
                return false;
            for (var i = 0; i < a.Count; i++)
                if (!ReferenceEquals(a[i], b[i]))
                    return false;
            return true;
        }

        private static bool SameSender(SenderLookup? a, SenderLookup? b) =>
            a is null ? b is null : b is not null && a.Reference == b.Reference && ReferenceEquals(a.Entity, b.Entity);

        private static bool SameRecipient(RecipientLookup a, RecipientLookup b) =>
            a.Kind == b.Kind && a.Reference == b.Reference && a.MatchedBy == b.MatchedBy
            && ReferenceEquals(a.Entity, b.Entity) && b.Candidates.Count == 0;
    }
}
