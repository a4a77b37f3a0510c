namespace Qweeby.Routing.Core.Identifiers;

/// <summary>
/// French e-invoicing address (Peppol ICD 0225): SIREN, SIREN_SIRET, SIREN_SIRET_code or SIREN_label,
/// at most 130 letters, digits, '-', '_' and '.'; compared case-insensitively, so stored upper-case.
/// </summary>
internal static class FrenchAddress
{
    public const int MaxLength = 130;

    public static IdentifierError? Parse(string text, out PartyId id)
    {
        id = default;
        if (text.Length > MaxLength)
        {
            return new(IdentifierRule.TooLong,
                $"A French e-invoicing address has at most {MaxLength} characters; this one has {text.Length}.");
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-' or '.'))
            {
                return new(IdentifierRule.Characters,
                    $"A French e-invoicing address may contain only letters, digits, '-', '_' and '.'; it contains {IdentifierText.Describe(c)}.");
            }
        }

        var value = text.ToUpperInvariant();
        var parts = value.Split('_');
        if (parts.Any(p => p.Length == 0))
        {
            return new(IdentifierRule.Format,
                $"French e-invoicing address {value} has an empty part between underscores; write SIREN, SIREN_SIRET, SIREN_SIRET_code or SIREN_label.");
        }

        var siren = parts[0];
        if (siren.Length != 9 || !IdentifierText.IsAsciiDigits(siren))
        {
            return new(IdentifierRule.Format,
                $"French e-invoicing address {value} must start with the 9-digit SIREN followed by '_' or nothing.");
        }

        var error = Sirene.CheckSiren(siren) ?? CheckSiret(value, siren, parts);
        if (error is not null)
            return error;

        id = new PartyId(IdentifierScheme.FrenchAddress, IcdCodes.FrenchAddress, value);
        return null;
    }

    /// <summary>The SIRET of a parsed address value, when its second part is one.</summary>
    public static bool TryGetSiret(string value, out string siret)
    {
        var parts = value.Split('_');
        siret = parts.Length > 1 && IsSiretShaped(parts[1]) ? parts[1] : "";
        return siret.Length > 0;
    }

    // A 14-digit second part is read as a SIRET, so it must be a valid one of the same company.
    private static IdentifierError? CheckSiret(string value, string siren, string[] parts)
    {
        if (parts.Length < 2 || !IsSiretShaped(parts[1]))
            return null;

        var siret = parts[1];
        if (!siret.StartsWith(siren, StringComparison.Ordinal))
        {
            return new(IdentifierRule.Format,
                $"French e-invoicing address {value} has SIRET {siret}, which does not belong to SIREN {siren}; a SIRET starts with its SIREN.");
        }

        return Sirene.CheckSiret(siret);
    }

    private static bool IsSiretShaped(string part) => part.Length == 14 && IdentifierText.IsAsciiDigits(part);
}
