namespace Qweeby.Routing.Core.Identifiers;

/// <summary>Check-digit rules of the Belgian, German, Italian and Dutch VAT numbers (bodies already shape-checked).</summary>
internal static class VatCheckDigits
{
    /// <summary>10 digits; the last two are 97 minus the first eight mod 97.</summary>
    public static IdentifierError? Belgian(VatCountry country, string body) =>
        97 - ToNumber(body.AsSpan(0, 8)) % 97 == ToNumber(body.AsSpan(8))
            ? null
            : country.CheckDigitError(body, "fails its mod 97 check (the last 2 digits)");

    /// <summary>Old 9-digit enterprise numbers are written with a leading 0 since 2005.</summary>
    public static string PadBelgian(string body) => body.Length == 9 ? "0" + body : body;

    public static IdentifierError? German(VatCountry country, string body) => Iso7064.IsValidMod11_10(body)
        ? null
        : country.CheckDigitError(body, "fails its ISO 7064 MOD 11,10 check digit");

    /// <summary>Partita IVA: 7-digit number, 3-digit tax office, Luhn check digit.</summary>
    public static IdentifierError? Italian(VatCountry country, string body)
    {
        var office = ToNumber(body.AsSpan(7, 3));
        if (ToNumber(body.AsSpan(0, 7)) == 0 || !(office is >= 1 and <= 100 or 120 or 121 or 888 or 999))
        {
            return new(IdentifierRule.Format,
                $"Italian VAT number IT{body} has no valid registration number or tax office code (digits 8 to 10); check the 11 digits.");
        }

        return Luhn.IsValid(body) ? null : country.CheckDigitError(body, "fails its Luhn check digit");
    }

    /// <summary>
    /// Either the RSIN/BSN form (11-proof on the first 9 digits) or, since 2020 for sole
    /// proprietors, the btw-id form (ISO 7064 MOD 97-10 over "NL" and the whole number).
    /// </summary>
    public static IdentifierError? Dutch(VatCountry country, string body)
    {
        var digits = body.AsSpan(0, 9);
        if (ToNumber(digits) == 0)
            return new(IdentifierRule.Format, $"Dutch VAT number NL{body} has only zeros before the B; check the number.");

        return PassesElevenProof(digits) || Iso7064.IsValidMod97_10("NL" + body)
            ? null
            : country.CheckDigitError(body, "fails both the 11-proof and the mod 97 check");
    }

    /// <summary>Leading zeros of the RSIN are often dropped: NL4495445B01 is NL004495445B01.</summary>
    public static string PadDutch(string body)
    {
        var b = body.Length - 3;
        return b is 7 or 8 && body[b] == 'B' && IdentifierText.IsAsciiDigits(body.AsSpan(0, b))
            ? body.PadLeft(12, '0')
            : body;
    }

    private static bool PassesElevenProof(ReadOnlySpan<char> digits)
    {
        var sum = -(digits[8] - '0');
        for (var i = 0; i < 8; i++)
            sum += (9 - i) * (digits[i] - '0');
        return sum % 11 == 0;
    }

    private static long ToNumber(ReadOnlySpan<char> digits)
    {
        long n = 0;
        foreach (var c in digits)
            n = n * 10 + (c - '0');
        return n;
    }
}
