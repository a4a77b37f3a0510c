namespace Qweeby.Routing.Core.Addressing;

/// <summary>
/// A validated line as it should now be: a row of a central-directory extract, or a line given to the
/// admin API (row 0). Only <see cref="MirrorFile.Check"/> makes one.
/// </summary>
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
    public string Address => DirectoryLine.AddressOf(Granularity, Siren, Siret, RoutingCode, Suffix);

    public DirectoryLine ToLine(int version) =>
        new(LineId, version, Granularity, Siren, Siret, RoutingCode, Suffix, ProviderId, ValidFrom, ValidTo);
}
