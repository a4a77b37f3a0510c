namespace Qweeby.Routing.Core.Addressing;

/// <summary>
/// One version of a French directory line: which platform receives a company's invoices at one
/// granularity, from <see cref="ValidFrom"/> (inclusive) to <see cref="ValidTo"/> (exclusive, open when null).
/// A change of platform is a new version; no version ever disappears.
/// </summary>
public sealed record DirectoryLine(
    string LineId,
    int Version,
    LineGranularity Granularity,
    string Siren,
    string? Siret,
    string? RoutingCode,
    string? Suffix,
    string ProviderId,
    DateTimeOffset ValidFrom,
    DateTimeOffset? ValidTo)
{
    /// <summary>The line's electronic address under scheme 0225.</summary>
    public string Address => AddressOf(Granularity, Siren, Siret, RoutingCode, Suffix);

    public static string AddressOf(LineGranularity granularity, string siren, string? siret, string? routingCode, string? suffix) => granularity switch
    {
        LineGranularity.RoutingCode => $"{siren}_{siret}_{routingCode}",
        LineGranularity.Siret => $"{siren}_{siret}",
        LineGranularity.Suffix => $"{siren}_{suffix}",
        _ => siren,
    };

    public bool IsValidAt(DateTimeOffset at) => ValidFrom <= at && (ValidTo is null || at < ValidTo);

    public string Describe() =>
        $"line {LineId} v{Version} ({Granularity}, 0225:{Address}) → {ProviderId}, valid {ValidFrom:yyyy-MM-dd} to {(ValidTo is { } to ? to.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "open")}";
}
