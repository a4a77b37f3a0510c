namespace Qweeby.Routing.Core.Addressing;

/// <summary>One valid line of a central-directory extract, as it should now be.</summary>
public sealed record MirrorRow(
    int RowNumber,
    string LineId,
    LineGranularity Granularity,
    string Siren,
    string? Siret,
    string? RoutingCode,
    string? Suffix,
    string ProviderId,
    DateTimeOffset ValidFrom,
    DateTimeOffset? ValidTo)
{
    public string Address => new DirectoryLine(LineId, 0, Granularity, Siren, Siret, RoutingCode, Suffix, ProviderId, ValidFrom, ValidTo).Address;
}
