using System.Text.RegularExpressions;

namespace Qweeby.Routing.Core.Identifiers;

/// <summary>Checks the body of a VAT number (what follows the country prefix) beyond its shape.</summary>
internal delegate IdentifierError? VatCheck(VatCountry country, string body);

/// <summary>The national format of one member state's VAT number, and its ICD.</summary>
internal sealed class VatCountry
{
    private readonly Regex _shape;
    private readonly string _shapeText;
    private readonly int _minLength;
    private readonly int _maxLength;
    private readonly VatCheck? _check;
    private readonly Func<string, string>? _normalize;

    /// <param name="code">VAT prefix (EL for Greece, XI for Northern Ireland).</param>
    /// <param name="name">Adjective used in messages: "German".</param>
    /// <param name="icd">Peppol ICD under which values of this country are written.</param>
    /// <param name="shape">Regular expression the body must match in full.</param>
    /// <param name="shapeText">The shape in words, completing "DE followed by ...".</param>
    /// <param name="minLength">Shortest body, to tell a length error from a format error.</param>
    /// <param name="maxLength">Longest body.</param>
    /// <param name="check">Check-digit rule, if the country has one we verify.</param>
    /// <param name="normalize">Rewrites accepted short forms to the canonical body before the shape check.</param>
    public VatCountry(
        string code,
        string name,
        string icd,
        string shape,
        string shapeText,
        int minLength,
        int maxLength,
        VatCheck? check = null,
        Func<string, string>? normalize = null)
    {
        Code = code;
        Name = name;
        Icd = icd;
        _shape = new Regex($"^(?:{shape})\\z", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);
        _shapeText = shapeText;
        _minLength = minLength;
        _maxLength = maxLength;
        _check = check;
        _normalize = normalize;
    }

    public string Code { get; }

    public string Name { get; }

    public string Icd { get; }

    /// <summary>Parses a compact upper-case body (the value without its country prefix).</summary>
    public IdentifierError? Parse(string body, out PartyId id)
    {
        id = default;
        var canonical = _normalize?.Invoke(body) ?? body;
        if (!_shape.IsMatch(canonical))
        {
            var rule = canonical.Length < _minLength || canonical.Length > _maxLength
                ? IdentifierRule.Length
                : IdentifierRule.Format;
            return new(rule, $"{Name} VAT numbers are {Code} followed by {_shapeText}; {Code}{body} is not.");
        }

        var error = _check?.Invoke(this, canonical);
        if (error is not null)
            return error;

        var scheme = Code == "FR" ? IdentifierScheme.FrenchVat : IdentifierScheme.EuVat;
        id = new PartyId(scheme, Icd, Code + canonical);
        return null;
    }

    public IdentifierError CheckDigitError(string body, string why) => new(
        IdentifierRule.CheckDigit,
        $"{Name} VAT number {Code}{body} {why}; check the number against the customer's documents or VIES.");
}
