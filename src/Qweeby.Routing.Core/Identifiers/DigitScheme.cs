namespace Qweeby.Routing.Core.Identifiers;

/// <summary>A scheme whose value is a fixed number of digits: SIREN, SIRET, GLN, DUNS.</summary>
internal sealed record DigitScheme(
    IdentifierScheme Scheme,
    string Icd,
    string Name,
    int Length,
    Func<string, IdentifierError?> Check)
{
    public static readonly DigitScheme Siren = new(IdentifierScheme.Siren, IcdCodes.Siren, "SIREN", 9, Sirene.CheckSiren);
    public static readonly DigitScheme Siret = new(IdentifierScheme.Siret, IcdCodes.Siret, "SIRET", 14, Sirene.CheckSiret);
    public static readonly DigitScheme Gln = new(IdentifierScheme.Gln, IcdCodes.Gln, "GLN", 13, CheckGln);

    // D&B dropped the DUNS check digit to widen the number range, so only the length can be checked.
    public static readonly DigitScheme Duns = new(IdentifierScheme.Duns, IcdCodes.Duns, "DUNS number", 9, _ => null);

    /// <summary>Parses what was typed after the ICD code (or the whole bare input).</summary>
    public IdentifierError? ParseText(string text, out PartyId id)
    {
        id = default;
        var error = IdentifierText.Compact(text, Name, out var digits);
        if (error is not null)
            return error;

        var letter = digits.AsSpan().IndexOfAnyExceptInRange('0', '9');
        if (letter >= 0)
        {
            return new(IdentifierRule.Characters,
                $"A {Name} has only digits, but this one contains {IdentifierText.Describe(digits[letter])}; check what was typed.");
        }

        return ParseDigits(digits, out id);
    }

    /// <summary>Parses a value already compacted to ASCII digits.</summary>
    public IdentifierError? ParseDigits(string digits, out PartyId id)
    {
        id = default;
        if (digits.Length != Length)
            return new(IdentifierRule.Length, $"A {Name} has {Length} digits; {digits} has {digits.Length}.");

        var error = Check(digits);
        if (error is not null)
            return error;

        id = new PartyId(Scheme, Icd, digits);
        return null;
    }

    private static IdentifierError? CheckGln(string gln) => Gs1.IsValid(gln)
        ? null
        : new(IdentifierRule.CheckDigit, $"GLN {gln} fails its GS1 check digit; check the 13 digits.");
}
