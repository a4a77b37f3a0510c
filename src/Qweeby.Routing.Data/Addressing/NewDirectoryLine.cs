using Qweeby.Routing.Core.Addressing;

namespace Qweeby.Routing.Data.Addressing;

/// <summary>A line to create; <see cref="LineId"/> null lets the store name it.</summary>
public sealed record NewDirectoryLine(
    string? LineId,
    string Siren,
    string? Siret,
    string? RoutingCode,
    string? Suffix,
    string ProviderId,
    DateTimeOffset ValidFrom,
    DateTimeOffset? ValidTo)
{
    public LineGranularity Granularity => LineGranularityCodes.Of(Siret, RoutingCode, Suffix);

    public DirectoryLine ToLine(string lineId, int version) =>
        new(lineId, version, Granularity, Siren, Siret, RoutingCode?.ToUpperInvariant(), Suffix?.ToUpperInvariant(), ProviderId, ValidFrom, ValidTo);
}
