namespace Qweeby.Routing.Core.Identifiers;

/// <summary>The stable reason code of each <see cref="IdentifierRule"/>, as gRPC errors and import reports name it.</summary>
public static class IdentifierRuleCodes
{
    public static string Code(this IdentifierRule rule) => rule switch
    {
        IdentifierRule.Empty => "REQUIRED",
        IdentifierRule.TooLong => "TOO_LONG",
        IdentifierRule.Characters => "CHARACTERS",
        IdentifierRule.Length => "LENGTH",
        IdentifierRule.CheckDigit => "CHECK_DIGIT",
        IdentifierRule.UnknownScheme => "UNKNOWN_SCHEME",
        _ => "FORMAT",
    };
}
