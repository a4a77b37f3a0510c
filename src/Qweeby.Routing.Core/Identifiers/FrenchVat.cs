namespace Qweeby.Routing.Core.Identifiers;

/// <summary>French intra-EU VAT numbers: FR, a 2-character key, then the SIREN.</summary>
public static class FrenchVat
{
    /// <summary>The French VAT number of a company, with its numeric key computed from the SIREN.</summary>
    /// <param name="siren">Exactly 9 ASCII digits passing the Luhn check.</param>
    /// <exception cref="ArgumentException"><paramref name="siren"/> is not a valid SIREN.</exception>
    public static PartyId FromSiren(string siren)
    {
        ArgumentNullException.ThrowIfNull(siren);
        if (!Sirene.IsValidSiren(siren))
            throw new ArgumentException("A SIREN is 9 digits passing the Luhn check.", nameof(siren));

        return FromValidSiren(siren);
    }

    internal static PartyId FromValidSiren(string siren) =>
        new(IdentifierScheme.FrenchVat, IcdCodes.FrenchVat, $"FR{NumericKey(siren):D2}{siren}");

    /// <summary>The SIREN inside a French VAT value ("FR" + key + 9 digits), unless it is a Monaco number.</summary>
    internal static bool TryGetSiren(string value, out string siren)
    {
        siren = value[4..];
        return !IsMonaco(siren);
    }

    /// <summary>Checks a body (key + 9 digits) already matching its shape.</summary>
    internal static IdentifierError? Check(VatCountry country, string body)
    {
        var key = body[..2];
        var siren = body[2..];
        if (!IsMonaco(siren) && !Luhn.IsValid(siren))
            return country.CheckDigitError(body, $"contains SIREN {siren}, which fails its Luhn check digit");

        // Keys with a letter (new style) are only format-checked: we have no official source for their algorithm.
        if (IdentifierText.IsAsciiDigits(key) && (key[0] - '0') * 10 + (key[1] - '0') != NumericKey(siren))
            return country.CheckDigitError(body, $"has key {key}, which does not match its SIREN {siren}");

        return null;
    }

    private static int NumericKey(ReadOnlySpan<char> siren)
    {
        var mod = 0;
        foreach (var c in siren)
            mod = (mod * 10 + (c - '0')) % 97;
        return (12 + 3 * mod) % 97;
    }

    // Monaco companies get French VAT numbers whose 9 digits start with 000 and are not SIRENs.
    private static bool IsMonaco(ReadOnlySpan<char> nineDigits) => nineDigits.StartsWith("000");
}
