namespace Qweeby.Routing.Core.Identifiers;

/// <summary>Control character of the Spanish NIF: DNI, NIE, K/L/M numbers and company CIF.</summary>
internal static class SpanishVat
{
    private const string DniLetters = "TRWAGMYFPDXBNJZSQVHLCKE";
    private const string CifLetters = "JABCDEFGHI";
    private const string CifFirstLetters = "ABCDEFGHJNPQRSUVW";

    /// <summary>Checks a 9-character body already matching [0-9A-Z][0-9]{7}[0-9A-Z] (first letter not I, O, T).</summary>
    public static IdentifierError? Check(VatCountry country, string body)
    {
        var first = body[0];
        var control = body[8];
        var sevenDigits = body.AsSpan(1, 7);
        bool valid;
        if (char.IsAsciiDigit(first))
            valid = control == DniLetter(Number(body.AsSpan(0, 8)));          // DNI: 8 digits and a letter
        else if (first is 'X' or 'Y' or 'Z')
            valid = control == DniLetter((first - 'X') * 10_000_000 + Number(sevenDigits)); // NIE: X=0, Y=1, Z=2
        else if (first is 'K' or 'L' or 'M')
            valid = control == DniLetter(Number(sevenDigits));                 // natural persons without DNI/NIE
        else if (CifFirstLetters.Contains(first))
            valid = IsCifControl(sevenDigits, control);
        else
            return new(IdentifierRule.Format, $"Spanish VAT number ES{body} starts with '{first}', which no NIF starts with; check the first character.");

        return valid ? null : country.CheckDigitError(body, "fails its NIF control character (the last one)");
    }

    // Sources disagree on which company types take a letter and which a digit, so either is accepted.
    private static bool IsCifControl(ReadOnlySpan<char> sevenDigits, char control)
    {
        var digit = Luhn.CheckDigit(sevenDigits);
        return control == (char)('0' + digit) || control == CifLetters[digit];
    }

    private static char DniLetter(int number) => DniLetters[number % 23];

    private static int Number(ReadOnlySpan<char> digits)
    {
        var n = 0;
        foreach (var c in digits)
            n = n * 10 + (c - '0');
        return n;
    }
}
