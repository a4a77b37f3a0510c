namespace Qweeby.Routing.Core.Identifiers;

/// <summary>Why an identifier was refused.</summary>
/// <param name="Rule">The rule that failed.</param>
/// <param name="Description">An English sentence saying what is wrong and what the caller should do.</param>
public sealed record IdentifierError(IdentifierRule Rule, string Description);
