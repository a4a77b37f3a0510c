namespace Qweeby.Routing.Core.Identifiers;

/// <summary>Luhn (mod 10) over ASCII digits: SIREN, SIRET, Italian VAT, Spanish CIF.</summary>
internal static class Luhn
{
    public static bool IsValid(ReadOnlySpan<char> digits) => Sum(digits, doubleRightmost: false) % 10 == 0;

    /// <summary>The digit to append to <paramref name="payload"/> to make it Luhn-valid.</summary>
    public static int CheckDigit(ReadOnlySpan<char> payload) => (10 - Sum(payload, doubleRightmost: true) % 10) % 10;

    private static int Sum(ReadOnlySpan<char> digits, bool doubleRightmost)
    {
        var sum = 0;
        var doubled = doubleRightmost;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubled)
            {
                d *= 2;
                if (d > 9)
                    d -= 9;
            }

            sum += d;
            doubled = !doubled;
        }

        return sum;
    }
}
