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
    public string Address => Granularity switch
    {
        LineGranularity.RoutingCode => $"{Siren}_{Siret}_{RoutingCode}",
        LineGranularity.Siret => $"{Siren}_{Siret}",
        LineGranularity.Suffix => $"{Siren}_{Suffix}",
        _ => Siren,
    };

    public bool IsValidAt(DateTimeOffset at) => ValidFrom <= at && (ValidTo is null || at < ValidTo);

    public string Describe() =>
        $"line {LineId} v{Version} ({Granularity}, 0225:{Address}) → {ProviderId}, valid {ValidFrom:yyyy-MM-dd} to {(ValidTo is { } to ? to.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "open")}";
}
