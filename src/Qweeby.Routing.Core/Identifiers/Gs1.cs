namespace Qweeby.Routing.Core.Identifiers;

/// <summary>GS1 mod-10 check digit (GLN, GTIN): weights 3 and 1 alternating from the right.</summary>
internal static class Gs1
{
    public static bool IsValid(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        var weight = 3;
        for (var i = digits.Length - 2; i >= 0; i--)
        {
            sum += (digits[i] - '0') * weight;
            weight = 4 - weight;
        }

        return (10 - sum % 10) % 10 == digits[^1] - '0';
    }
}
