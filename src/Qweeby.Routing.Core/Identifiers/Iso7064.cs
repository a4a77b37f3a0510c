namespace Qweeby.Routing.Core.Identifiers;

/// <summary>ISO/IEC 7064 check character systems used by EU VAT numbers.</summary>
internal static class Iso7064
{
    /// <summary>MOD 11,10 (hybrid system) over ASCII digits, last digit being the check digit.</summary>
    public static bool IsValidMod11_10(ReadOnlySpan<char> digits)
    {
        var product = 10;
        foreach (var c in digits[..^1])
        {
            var sum = (c - '0' + product) % 10;
            if (sum == 0)
                sum = 10;
            product = 2 * sum % 11;
        }

        return (11 - product) % 10 == digits[^1] - '0';
    }

    /// <summary>MOD 97-10 over ASCII digits and upper-case letters (A=10 ... Z=35), valid when the remainder is 1.</summary>
    public static bool IsValidMod97_10(ReadOnlySpan<char> text)
    {
        var remainder = 0;
        foreach (var c in text)
        {
            var value = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = (value < 10 ? remainder * 10 : remainder * 100) + value;
            remainder %= 97;
        }

        return remainder == 1;
    }
}
