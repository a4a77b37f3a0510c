using System.Collections.Frozen;

namespace Qweeby.Routing.Core.Identifiers;

/// <summary>VAT number formats of the EU member states (plus XI), after VIES and python-stdnum.</summary>
internal static class VatCountries
{
    private static readonly VatCountry[] All =
    [
        new("AT", "Austrian", "9914", "U[0-9]{8}", "U and 8 digits", 9, 9),
        new("BE", "Belgian", "9925", "[01][0-9]{9}", "10 digits starting with 0 or 1", 10, 10,
            VatCheckDigits.Belgian, VatCheckDigits.PadBelgian),
        new("BG", "Bulgarian", "9926", "[0-9]{9,10}", "9 or 10 digits", 9, 10),
        new("CY", "Cypriot", "9928", "[0-9]{8}[A-Z]", "8 digits and a letter", 9, 9),
        new("CZ", "Czech", "9929", "[0-9]{8,10}", "8 to 10 digits", 8, 10),
        new("DE", "German", "9930", "[1-9][0-9]{8}", "9 digits, the first not 0", 9, 9, VatCheckDigits.German),
        new("DK", "Danish", IcdCodes.AnyEuVat, "[1-9][0-9]{7}", "8 digits, the first not 0", 8, 8),
        new("EE", "Estonian", "9931", "[0-9]{9}", "9 digits", 9, 9),
        new("EL", "Greek", "9933", "[0-9]{9}", "9 digits", 9, 9),
        new("ES", "Spanish", "9920", "[0-9A-HJ-NP-SUVWXYZ][0-9]{7}[0-9A-Z]",
            "a letter or digit, 7 digits and a control letter or digit", 9, 9, SpanishVat.Check),
        new("FI", "Finnish", IcdCodes.AnyEuVat, "[0-9]{8}", "8 digits", 8, 8),
        new("FR", "French", IcdCodes.FrenchVat, "[0-9A-HJ-NP-Z]{2}[0-9]{9}", "a 2-character key and the 9-digit SIREN", 11, 11,
            FrenchVat.Check),
        new("HR", "Croatian", "9934", "[0-9]{11}", "11 digits", 11, 11),
        new("HU", "Hungarian", "9910", "[0-9]{8}", "8 digits", 8, 8),
        new("IE", "Irish", "9935", "[0-9]{7}[A-W][A-IW]?|[0-9][A-Z][0-9]{5}[A-W]", "7 digits and 1 or 2 letters", 8, 9),
        new("IT", "Italian", "0211", "[0-9]{11}", "11 digits", 11, 11, VatCheckDigits.Italian),
        new("LT", "Lithuanian", "9937", "[0-9]{9}|[0-9]{12}", "9 or 12 digits", 9, 12),
        new("LU", "Luxembourg", "9938", "[0-9]{8}", "8 digits", 8, 8),
        new("LV", "Latvian", "9939", "[0-9]{11}", "11 digits", 11, 11),
        new("MT", "Maltese", "9943", "[1-9][0-9]{7}", "8 digits, the first not 0", 8, 8),
        new("NL", "Dutch", "9944", "[0-9]{9}B(0[1-9]|[1-9][0-9])", "9 digits, B and a 2-digit number from 01", 12, 12,
            VatCheckDigits.Dutch, VatCheckDigits.PadDutch),
        new("PL", "Polish", "9945", "[0-9]{10}", "10 digits", 10, 10),
        new("PT", "Portuguese", "9946", "[0-9]{9}", "9 digits", 9, 9),
        new("RO", "Romanian", "9947", "[1-9][0-9]{1,9}", "2 to 10 digits, the first not 0", 2, 10),
        new("SE", "Swedish", IcdCodes.AnyEuVat, "[0-9]{10}01", "12 digits ending in 01", 12, 12),
        new("SI", "Slovenian", "9949", "[1-9][0-9]{7}", "8 digits, the first not 0", 8, 8),
        new("SK", "Slovak", "9950", "[1-9][0-9]{9}", "10 digits, the first not 0", 10, 10),

        // Northern Ireland traders use their UK VAT number with the XI prefix; Peppol has no XI code.
        new("XI", "Northern Ireland", IcdCodes.AnyEuVat, "[0-9]{9}|[0-9]{12}|GD[0-9]{3}|HA[0-9]{3}",
            "9 or 12 digits, or GD or HA and 3 digits", 5, 12),
    ];

    private static readonly FrozenDictionary<string, VatCountry> ByCode = All.ToFrozenDictionary(c => c.Code);

    private static readonly FrozenDictionary<string, VatCountry> ByIcd = All
        .Where(c => c.Icd != IcdCodes.AnyEuVat)
        .Select(c => KeyValuePair.Create(c.Icd, c))
        .Concat(
        [
            // Removed from the Peppol list but still sent by older partners; read as the country's current code.
            KeyValuePair.Create("9906", ByCode["IT"]),
            KeyValuePair.Create("9955", ByCode["SE"]),
            KeyValuePair.Create("0213", ByCode["FI"]),
            KeyValuePair.Create("9904", ByCode["DK"]),
        ])
        .ToFrozenDictionary();

    /// <summary>The country whose VAT prefix is <paramref name="code"/> (two upper-case letters), if any.</summary>
    public static VatCountry? FindByCode(string code) => ByCode.GetValueOrDefault(code);

    /// <summary>The country a country-specific VAT ICD stands for, if <paramref name="icd"/> is one.</summary>
    public static VatCountry? FindByIcd(string icd) => ByIcd.GetValueOrDefault(icd);
}
