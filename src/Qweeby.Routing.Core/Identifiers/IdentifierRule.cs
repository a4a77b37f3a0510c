namespace Qweeby.Routing.Core.Identifiers;

/// <summary>Which rule an identifier broke; the stable, machine-readable half of an <see cref="IdentifierError"/>.</summary>
public enum IdentifierRule
{
    /// <summary>Nothing was given.</summary>
    Empty,

    /// <summary>The input is longer than any identifier can be.</summary>
    TooLong,

    /// <summary>The input contains a character the scheme does not allow.</summary>
    Characters,

    /// <summary>The scheme was recognized but the value has the wrong number of characters.</summary>
    Length,

    /// <summary>The value is well formed but its check digit or key is wrong.</summary>
    CheckDigit,

    /// <summary>The ICD code or VAT country prefix is not one the router accepts.</summary>
    UnknownScheme,

    /// <summary>The value does not have the shape of its scheme.</summary>
    Format,
}
