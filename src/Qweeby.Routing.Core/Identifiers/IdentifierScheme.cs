namespace Qweeby.Routing.Core.Identifiers;

/// <summary>The kinds of party identifier the router understands.</summary>
public enum IdentifierScheme
{
    /// <summary>French legal-unit number, 9 digits (ICD 0002).</summary>
    Siren,

    /// <summary>French establishment number, SIREN + 5-digit NIC (ICD 0009).</summary>
    Siret,

    /// <summary>French intra-EU VAT number, FR + key + SIREN (ICD 9957).</summary>
    FrenchVat,

    /// <summary>Intra-EU VAT number of any other member state, or XI (ICD per country).</summary>
    EuVat,

    /// <summary>GS1 Global Location Number, 13 digits (ICD 0088).</summary>
    Gln,

    /// <summary>Dun &amp; Bradstreet number, 9 digits (ICD 0060).</summary>
    Duns,

    /// <summary>French e-invoicing address, SIREN[_suffix...] (Peppol ICD 0225).</summary>
    FrenchAddress,
}
