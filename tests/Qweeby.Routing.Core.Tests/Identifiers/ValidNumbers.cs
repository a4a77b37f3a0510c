using CsCheck;

namespace Qweeby.Routing.Core.Tests.Identifiers;

/// <summary>
/// Generators of valid identifiers. The check digits are computed here independently of the
/// production code, so a bug there cannot make the generated numbers agree with it.
/// </summary>
internal static class ValidNumbers
{
    private const string LaPosteSiren = "356000000";

    public static readonly Gen<string> Siren =
        Digits(8).Select(payload => payload + LuhnDigit(payload)).Where(s => s != LaPosteSiren);

    public static readonly Gen<string> Siret =
        Gen.Select(Siren, Digits(4), (siren, nic) => siren + nic + LuhnDigit(siren + nic));

    public static readonly Gen<string> Gln = Digits(12).Select(payload => payload + Gs1Digit(payload));

    public static readonly Gen<string> Duns = Digits(9);

    public static readonly Gen<string> FrenchVat = Siren.Select(siren => $"FR{(12 + 3 * (long.Parse(siren) % 97)) % 97:D2}{siren}");

    // Declared before its users: static fields initialize in textual order.
    private static readonly Gen<string> Suffix =
        Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-."].Array[1, 20].Select(a => new string(a));

    /// <summary>Addresses of the four documented shapes; suffixes in mixed case.</summary>
    public static readonly Gen<string> FrenchAddress = Gen.OneOf(
        Siren,
        Siret.Select(siret => $"{siret[..9]}_{siret}"),
        Gen.Select(Siret, Suffix, (siret, code) => $"{siret[..9]}_{siret}_{code}"),
        Gen.Select(Siren, Suffix, (siren, label) => $"{siren}_{label}"));

    /// <summary>Published or stdnum-documented VAT numbers, one or more per country with a check we implement.</summary>
    public static readonly string[] EuVatSamples =
    [
        "DE136695976", "BE0403170701", "IT00743110157", "ESA28015865", "ES54362315K", "ESX5253868R",
        "NL004495445B01", "NL002455799B11", "ATU13585627", "EL094259216", "DK13585628", "SE556188840401",
        "XI123456789", "PL5260250274", "PT501964843", "IE6388047V",
    ];

    public static string LuhnDigit(string payload)
    {
        var sum = 0;
        for (var i = 0; i < payload.Length; i++)
        {
            var d = payload[payload.Length - 1 - i] - '0';
            if (i % 2 == 0)
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            sum += d;
        }

        return ((10 - sum % 10) % 10).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Gs1Digit(string payload)
    {
        var sum = 0;
        for (var i = 0; i < payload.Length; i++)
            sum += (payload[payload.Length - 1 - i] - '0') * (i % 2 == 0 ? 3 : 1);
        return ((10 - sum % 10) % 10).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Gen<string> Digits(int count) => Gen.Char['0', '9'].Array[count].Select(a => new string(a));
}
