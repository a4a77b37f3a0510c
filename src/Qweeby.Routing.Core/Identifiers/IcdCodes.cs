namespace Qweeby.Routing.Core.Identifiers;

/// <summary>ISO 6523 ICD codes as the Peppol participant identifier scheme list (v9.6) assigns them.</summary>
internal static class IcdCodes
{
    public const string Siren = "0002";
    public const string Siret = "0009";
    public const string Duns = "0060";
    public const string Gln = "0088";
    public const string FrenchAddress = "0225";
    public const string FrenchVat = "9957";

    /// <summary>
    /// EU:VAT, "must start with the country code". Deprecated in the Peppol list but not removed;
    /// we use it for the member states whose own VAT code was removed (DK, FI, SE) or never existed (XI),
    /// and accept it on input for every country.
    /// </summary>
    public const string AnyEuVat = "9912";
}
