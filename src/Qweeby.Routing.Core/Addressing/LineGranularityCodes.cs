namespace Qweeby.Routing.Core.Addressing;

/// <summary>The granularity names of the schema, the mirror files and the API: SIREN, SIRET, ROUTING_CODE, SUFFIX.</summary>
public static class LineGranularityCodes
{
    public static string Code(LineGranularity granularity) => granularity switch
    {
        LineGranularity.RoutingCode => "ROUTING_CODE",
        LineGranularity.Siret => "SIRET",
        LineGranularity.Suffix => "SUFFIX",
        _ => "SIREN",
    };

    public static LineGranularity Parse(string code) => code switch
    {
        "ROUTING_CODE" => LineGranularity.RoutingCode,
        "SIRET" => LineGranularity.Siret,
        "SUFFIX" => LineGranularity.Suffix,
        "SIREN" => LineGranularity.Siren,
        _ => throw new ArgumentException($"Unknown line granularity '{code}'.", nameof(code)),
    };

    /// <summary>The granularity a line's parts imply: a routing code needs a SIRET; a suffix goes with a SIREN alone.</summary>
    public static LineGranularity Of(string? siret, string? routingCode, string? suffix) =>
        routingCode is not null ? LineGranularity.RoutingCode
        : siret is not null ? LineGranularity.Siret
        : suffix is not null ? LineGranularity.Suffix
        : LineGranularity.Siren;
}
