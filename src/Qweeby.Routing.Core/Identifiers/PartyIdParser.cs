namespace Qweeby.Routing.Core.Identifiers;

/// <summary>Reads a party identifier in Peppol form, ICD form or bare as people type it.</summary>
internal static class PartyIdParser
{
    public const int MaxInputLength = 200;
    private const string PeppolPrefix = "iso6523-actorid-upis::";

    private const string SupportedSchemes =
        "0002 (SIREN), 0009 (SIRET), 0060 (DUNS), 0088 (GLN), 0225 (French e-invoicing address), "
        + "9957 (French VAT) or an EU VAT scheme such as 9930 (German VAT)";

    public static IdentifierError? Parse(string? input, out PartyId id)
    {
        id = default;
        if (input is null)
            return new(IdentifierRule.Empty, "No identifier was given; send a SIREN, SIRET, VAT number or ICD:value.");
        if (input.Length > MaxInputLength)
        {
            return new(IdentifierRule.TooLong,
                $"The identifier has {input.Length} characters, more than the {MaxInputLength} any identifier needs; send one identifier only.");
        }

        var text = input.Trim();
        if (text.Length == 0)
            return new(IdentifierRule.Empty, "The identifier is blank; send a SIREN, SIRET, VAT number or ICD:value.");

        var peppol = text.StartsWith(PeppolPrefix, StringComparison.OrdinalIgnoreCase);
        if (peppol)
            text = text[PeppolPrefix.Length..];

        var colon = text.IndexOf(':');
        if (colon >= 0)
            return ParseQualified(text[..colon].Trim(), text[(colon + 1)..].Trim(), out id);
        if (peppol)
        {
            return new(IdentifierRule.Format,
                $"After {PeppolPrefix} write the ICD code, a colon and the value, e.g. {PeppolPrefix}0009:73282932000074.");
        }

        return ParseBare(text, out id);
    }

    private static IdentifierError? ParseQualified(string icd, string value, out PartyId id)
    {
        id = default;
        if (icd.Length != 4 || !IdentifierText.IsAsciiDigits(icd))
        {
            return new(IdentifierRule.Format,
                "Before the colon write a 4-digit ICD code such as 0009 (SIRET), e.g. 0009:73282932000074.");
        }

        if (value.Length == 0)
            return new(IdentifierRule.Empty, $"Nothing follows {icd}:; write the identifier after the colon.");

        return icd switch
        {
            IcdCodes.Siren => DigitScheme.Siren.ParseText(value, out id),
            IcdCodes.Siret => DigitScheme.Siret.ParseText(value, out id),
            IcdCodes.Gln => DigitScheme.Gln.ParseText(value, out id),
            IcdCodes.Duns => DigitScheme.Duns.ParseText(value, out id),
            IcdCodes.FrenchAddress => FrenchAddress.Parse(value, out id),
            IcdCodes.AnyEuVat => ParseVat(value, expected: null, icd, out id),
            _ when VatCountries.FindByIcd(icd) is { } country => ParseVat(value, country, icd, out id),
            _ => new(IdentifierRule.UnknownScheme, $"ICD {icd} is not a scheme we route on; use {SupportedSchemes}."),
        };
    }

    private static IdentifierError? ParseBare(string text, out PartyId id)
    {
        id = default;
        var error = IdentifierText.Compact(text, "identifier", out var compact);
        if (error is not null)
            return error;

        if (IdentifierText.IsAsciiDigits(compact))
        {
            return compact.Length switch
            {
                9 => WithHint(DigitScheme.Siren.ParseDigits(compact, out id), $"If it is a DUNS number, write it as 0060:{compact}."),
                14 => DigitScheme.Siret.ParseDigits(compact, out id),
                13 => WithHint(DigitScheme.Gln.ParseDigits(compact, out id), "If it is a SIRET, one of its 14 digits is missing."),
                _ => new(IdentifierRule.Length,
                    $"A bare number must be a SIREN (9 digits), a GLN (13) or a SIRET (14); {compact} has {compact.Length}. "
                    + "Write other schemes as ICD:value, e.g. 0060:150483782 for a DUNS number."),
            };
        }

        if (compact.Length >= 2 && char.IsAsciiLetter(compact[0]) && char.IsAsciiLetter(compact[1]))
            return ParseVat(compact, expected: null, icd: null, out id);

        if (char.IsAsciiDigit(compact[0]))
        {
            var letter = compact[compact.AsSpan().IndexOfAnyExceptInRange('0', '9')];
            return new(IdentifierRule.Characters,
                $"A SIREN, SIRET or GLN has only digits, but this one contains {IdentifierText.Describe(letter)}; "
                + "check what was typed, or write a VAT number with its country code first.");
        }

        return new(IdentifierRule.Format,
            "The identifier is neither a number (SIREN, SIRET, GLN) nor a VAT number starting with its country code; "
            + "write it as ICD:value, e.g. 0009:73282932000074.");
    }

    // Shape guessing can be wrong (a bare 9-digit number is a SIREN in the French directory, but could be
    // a DUNS; 13 digits may be a SIRET missing a digit), so check-digit failures say what else it may be.
    private static IdentifierError? WithHint(IdentifierError? error, string hint) => error is { Rule: IdentifierRule.CheckDigit }
        ? error with { Description = $"{error.Description} {hint}" }
        : error;

    /// <param name="text">The VAT number, with or without its country prefix when <paramref name="expected"/> is known.</param>
    /// <param name="expected">The country the ICD stands for; null when any country is allowed.</param>
    /// <param name="icd">The ICD the caller wrote, for messages; null for a bare VAT number.</param>
    private static IdentifierError? ParseVat(string text, VatCountry? expected, string? icd, out PartyId id)
    {
        id = default;
        var error = IdentifierText.Compact(text, "VAT number", out var compact);
        if (error is not null)
            return error;

        var hasPrefix = compact.Length >= 2 && char.IsAsciiLetter(compact[0]) && char.IsAsciiLetter(compact[1]);
        if (!hasPrefix)
        {
            return expected is null
                ? new(IdentifierRule.Format, $"Under ICD {icd} a VAT number starts with its country code, e.g. {icd}:DE136695976.")
                : expected.Parse(compact, out id);
        }

        var prefix = compact[..2];
        if (prefix == "GR")
            return new(IdentifierRule.Format, "Greek VAT numbers start with EL, not GR; write EL followed by the 9 digits.");

        var country = VatCountries.FindByCode(prefix);
        if (country is null)
        {
            return new(IdentifierRule.UnknownScheme,
                $"{prefix} is not the prefix of an EU VAT number (Greece is EL, Northern Ireland XI); "
                + "for other identifiers write ICD:value, e.g. 0009:73282932000074.");
        }

        if (expected is not null && country != expected)
        {
            return new(IdentifierRule.Format,
                $"ICD {icd} is for {expected.Name} VAT numbers ({expected.Code}...), but this one starts with {prefix}; "
                + $"use ICD {country.Icd} or send the number without an ICD.");
        }

        return country.Parse(compact[2..], out id);
    }
}
