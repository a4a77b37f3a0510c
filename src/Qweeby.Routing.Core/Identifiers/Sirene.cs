namespace Qweeby.Routing.Core.Identifiers;

/// <summary>Check rules of the French SIRENE register numbers (SIREN, SIRET).</summary>
internal static class Sirene
{
    private const string LaPosteSiren = "356000000";
    private const string LaPosteHeadOffice = "35600000000048";

    public static bool IsValidSiren(ReadOnlySpan<char> siren) =>
        siren.Length == 9 && IdentifierText.IsAsciiDigits(siren) && Luhn.IsValid(siren);

    /// <summary>Checks 9 ASCII digits.</summary>
    public static IdentifierError? CheckSiren(string siren) => Luhn.IsValid(siren)
        ? null
        : new(IdentifierRule.CheckDigit, $"SIREN {siren} fails its Luhn check digit; check the 9 digits.");

    /// <summary>Checks 14 ASCII digits.</summary>
    public static IdentifierError? CheckSiret(string siret)
    {
        // La Poste establishments (SIREN 356000000) are numbered with digit-sum % 5, not Luhn;
        // the head office is the exception and keeps a Luhn-valid number.
        if (siret.StartsWith(LaPosteSiren, StringComparison.Ordinal) && siret != LaPosteHeadOffice)
        {
            return DigitSum(siret) % 5 == 0
                ? null
                : new(IdentifierRule.CheckDigit,
                    $"SIRET {siret} is a La Poste establishment whose digits do not add up to a multiple of 5; check the 14 digits.");
        }

        if (!Luhn.IsValid(siret))
            return new(IdentifierRule.CheckDigit, $"SIRET {siret} fails its Luhn check digit; check the 14 digits.");
        if (!Luhn.IsValid(siret.AsSpan(0, 9)))
        {
            return new(IdentifierRule.CheckDigit,
                $"SIRET {siret} starts with SIREN {siret[..9]}, which fails its Luhn check digit; check the first 9 digits.");
        }

        return null;
    }

    private static int DigitSum(string digits)
    {
        var sum = 0;
        foreach (var c in digits)
            sum += c - '0';
        return sum;
    }
}
