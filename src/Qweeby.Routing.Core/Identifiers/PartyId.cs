using System.Diagnostics.CodeAnalysis;

namespace Qweeby.Routing.Core.Identifiers;

/// <summary>
/// A validated party identifier in normalized form: the key we store, cache and log.
/// Only parsing, <see cref="Equivalents"/> and <see cref="FrenchVat.FromSiren"/> make one, so a
/// <see cref="PartyId"/> that exists passed its format and check-digit rules
/// (except <c>default</c>, which has an empty value).
/// </summary>
public readonly record struct PartyId : IParsable<PartyId>
{
    private const string PeppolScheme = "iso6523-actorid-upis";

    private readonly string? _icd;
    private readonly string? _value;

    internal PartyId(IdentifierScheme scheme, string icd, string value)
    {
        Scheme = scheme;
        _icd = icd;
        _value = value;
    }

    public IdentifierScheme Scheme { get; }

    /// <summary>The ISO 6523 ICD code Peppol writes before the value, e.g. "0009".</summary>
    public string Icd => _icd ?? "";

    /// <summary>
    /// Digits only for SIREN, SIRET, GLN and DUNS; country prefix and body for VAT numbers
    /// (<c>FR44732829320</c>); upper case for French e-invoicing addresses.
    /// </summary>
    public string Value => _value ?? "";

    /// <summary>The VAT country prefix (EL for Greece, XI for Northern Ireland); null for other schemes.</summary>
    public string? CountryCode => Scheme is IdentifierScheme.FrenchVat or IdentifierScheme.EuVat && Value.Length >= 2
        ? Value[..2]
        : null;

    /// <summary>Reads a SIREN, SIRET, VAT number, GLN as typed, or any supported scheme as <c>ICD:value</c>
    /// or <c>iso6523-actorid-upis::ICD:value</c>. Never throws.</summary>
    /// <param name="input">What the caller sent; at most 200 characters.</param>
    /// <param name="id">The normalized identifier when the result is true.</param>
    /// <param name="error">Which rule failed and what to do, when the result is false.</param>
    public static bool TryParse(
        [NotNullWhen(true)] string? input,
        out PartyId id,
        [NotNullWhen(false)] out IdentifierError? error)
    {
        error = PartyIdParser.Parse(input, out id);
        return error is null;
    }

    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="FormatException">The input is not a valid identifier; the message says why.</exception>
    public static PartyId Parse(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return TryParse(input, out var id, out var error) ? id : throw new FormatException(error.Description);
    }

    static PartyId IParsable<PartyId>.Parse(string s, IFormatProvider? provider) => Parse(s);

    static bool IParsable<PartyId>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out PartyId result) =>
        TryParse(s, out result, out _);

    /// <summary>
    /// The identifiers under which the same recipient may be registered: itself first, then
    /// for a SIRET its SIREN and French VAT, for a SIREN its French VAT, for a French VAT its SIREN,
    /// for a French e-invoicing address its SIRET (if it has one) and SIREN.
    /// </summary>
    public IReadOnlyList<PartyId> Equivalents()
    {
        switch (Scheme)
        {
            case IdentifierScheme.Siret when Value.Length == 14:
                var siren = Value[..9];
                return [this, Siren(siren), FrenchVat.FromValidSiren(siren)];
            case IdentifierScheme.Siren when Value.Length == 9:
                return [this, FrenchVat.FromValidSiren(Value)];
            case IdentifierScheme.FrenchVat when FrenchVat.TryGetSiren(Value, out var vatSiren):
                return [this, Siren(vatSiren)];
            case IdentifierScheme.FrenchAddress when Value.Length >= 9:
                var addressSiren = Siren(Value[..9]);
                return FrenchAddress.TryGetSiret(Value, out var siret)
                    ? [this, new PartyId(IdentifierScheme.Siret, IcdCodes.Siret, siret), addressSiren]
                    : [this, addressSiren];
            default:
                return [this];
        }
    }

    /// <summary><c>{Icd}:{Value}</c>, e.g. <c>0009:73282932000074</c>.</summary>
    public override string ToString() => $"{Icd}:{Value}";

    /// <summary>The Peppol participant identifier, e.g. <c>iso6523-actorid-upis::0009:73282932000074</c>.</summary>
    public string ToPeppol() => $"{PeppolScheme}::{Icd}:{Value}";

    private static PartyId Siren(string digits) => new(IdentifierScheme.Siren, IcdCodes.Siren, digits);
}
