namespace Qweeby.Routing.Core.Addressing;

/// <summary>
/// The level a French directory line addresses, declared from the most specific to the least:
/// resolution tries them in this order.
/// </summary>
public enum LineGranularity
{
    /// <summary>A SIRET with a routing code: one department or service of an establishment.</summary>
    RoutingCode,
    /// <summary>One establishment.</summary>
    Siret,
    /// <summary>A SIREN with a free label chosen by the company.</summary>
    Suffix,
    /// <summary>The whole company.</summary>
    Siren,
}
