using Qweeby.Routing.Core.Identifiers;

namespace Qweeby.Routing.Core.Addressing;

/// <summary>
/// What an invoice's address says at each granularity: always a SIREN, maybe a SIRET, a routing code
/// (with a SIRET) or a suffix. Built from the identifier the invoice was addressed to.
/// </summary>
public sealed record LineTarget(string Siren, string? Siret, string? RoutingCode, string? Suffix)
{
    /// <summary>The target of a French identifier; null for identifiers the French directory does not address.</summary>
    public static LineTarget? Of(PartyId id)
    {
        switch (id.Scheme)
        {
            case IdentifierScheme.Siren:
                return new(id.Value, null, null, null);
            case IdentifierScheme.Siret:
                return new(id.Value[..9], id.Value, null, null);
            case IdentifierScheme.FrenchVat when id.Value.Length == 13 && id.Value[4..].All(char.IsAsciiDigit):
                return new(id.Value[4..], null, null, null);
            case IdentifierScheme.FrenchAddress:
                var parts = id.Value.Split('_', 3);
                var siren = parts[0];
                if (parts.Length == 1)
                    return new(siren, null, null, null);
                if (parts[1].Length == 14 && parts[1].All(char.IsAsciiDigit))
                    return new(siren, parts[1], parts.Length == 3 ? parts[2] : null, null);
                return new(siren, null, null, id.Value[(siren.Length + 1)..]);
            default:
                return null;
        }
    }

    /// <summary>
    /// The 0225 addresses whose lines can serve this target, one per granularity it reaches, the SIREN's first: every
    /// line <see cref="Matches"/> is at one of them (a line's address names its granularity, SIRET, code or suffix).
    /// </summary>
    public IReadOnlyList<string> Addresses()
    {
        // Read on every resolution addressed to a French identifier: one array of the exact size.
        var addresses = new string[1 + (Siret is null ? 0 : RoutingCode is null ? 1 : 2) + (Suffix is null ? 0 : 1)];
        var n = 0;
        addresses[n++] = Siren;
        if (Siret is not null)
        {
            addresses[n++] = DirectoryLine.AddressOf(LineGranularity.Siret, Siren, Siret, null, null);
            if (RoutingCode is not null)
                addresses[n++] = DirectoryLine.AddressOf(LineGranularity.RoutingCode, Siren, Siret, RoutingCode.ToUpperInvariant(), null);
        }
        if (Suffix is not null)
            addresses[n] = DirectoryLine.AddressOf(LineGranularity.Suffix, Siren, null, null, Suffix.ToUpperInvariant());
        return addresses;
    }

    public bool Matches(DirectoryLine line) => line.Siren == Siren && line.Granularity switch
    {
        LineGranularity.RoutingCode => Siret is not null && line.Siret == Siret && RoutingCode is not null
            && string.Equals(line.RoutingCode, RoutingCode, StringComparison.OrdinalIgnoreCase),
        LineGranularity.Siret => Siret is not null && line.Siret == Siret,
        LineGranularity.Suffix => Suffix is not null && string.Equals(line.Suffix, Suffix, StringComparison.OrdinalIgnoreCase),
        _ => true,
    };
}
