using System.Globalization;
using Qweeby.Routing.Core.Identifiers;

namespace Qweeby.Routing.Core.Addressing;

/// <summary>
/// The documented mirror format (README, "French directory lines"): UTF-8 CSV with the header
/// <c>line_id,siren,siret,routing_code,suffix,platform_id,valid_from,valid_to</c>; dates as
/// <c>YYYY-MM-DD</c> (midnight UTC) or RFC 3339 timestamps; empty cells for absent values. No field of
/// this format can hold a comma or a quote, so a row is split on commas.
/// </summary>
public static class MirrorFile
{
    public const string Header = "line_id,siren,siret,routing_code,suffix,platform_id,valid_from,valid_to";
    private const int MaxIdLength = 64;
    private const int MaxLabelLength = 100;

    public static bool IsHeader(string line) => line.Trim().Equals(Header, StringComparison.OrdinalIgnoreCase);

    public static (MirrorRow? Row, RowRejection? Rejection) ParseRow(string text, int rowNumber)
    {
        var cells = text.Split(',');
        if (cells.Length != 8)
            return Reject(rowNumber, "row", $"expected 8 comma-separated cells ({Header}), found {cells.Length}");
        var c = cells.Select(x => x.Trim()).ToArray();

        if (!IsToken(c[0], MaxIdLength, allowUnderscore: true))
            return Reject(rowNumber, "line_id", $"must be 1 to {MaxIdLength} letters, digits, '-', '_', '.' or ':'");
        if (!PartyId.TryParse($"0002:{c[1]}", out var siren, out var sirenError))
            return Reject(rowNumber, "siren", sirenError.Description);
        string? siret = null;
        if (c[2].Length > 0)
        {
            if (!PartyId.TryParse($"0009:{c[2]}", out var parsed, out var siretError))
                return Reject(rowNumber, "siret", siretError.Description);
            if (!parsed.Value.StartsWith(siren.Value, StringComparison.Ordinal))
                return Reject(rowNumber, "siret", $"SIRET {parsed.Value} does not belong to SIREN {siren.Value}");
            siret = parsed.Value;
        }
        var code = Optional(c[3]);
        var suffix = Optional(c[4]);
        if (code is not null && (siret is null || !IsToken(code, MaxLabelLength, allowUnderscore: false)))
            return Reject(rowNumber, "routing_code", "a routing code needs a SIRET and is letters, digits, '-' or '.'");
        if (suffix is not null && (siret is not null || !IsToken(suffix, MaxLabelLength, allowUnderscore: false)))
            return Reject(rowNumber, "suffix", "a suffix goes with a SIREN alone and is letters, digits, '-' or '.'");
        if (!IsToken(c[5], MaxIdLength, allowUnderscore: true))
            return Reject(rowNumber, "platform_id", $"must be 1 to {MaxIdLength} letters, digits, '-', '_', '.' or ':'");
        if (ParseDate(c[6]) is not { } from)
            return Reject(rowNumber, "valid_from", "must be a date (YYYY-MM-DD) or an RFC 3339 timestamp");
        DateTimeOffset? to = null;
        if (c[7].Length > 0)
        {
            if (ParseDate(c[7]) is not { } parsedTo)
                return Reject(rowNumber, "valid_to", "must be empty (open) or a date (YYYY-MM-DD) or an RFC 3339 timestamp");
            if (parsedTo <= from)
                return Reject(rowNumber, "valid_to", "must be after valid_from");
            to = parsedTo;
        }
        var granularity = LineGranularityCodes.Of(siret, code, suffix);
        return (new MirrorRow(rowNumber, c[0], granularity, siren.Value, siret, code?.ToUpperInvariant(), suffix?.ToUpperInvariant(), c[5], from, to), null);
    }

    private static (MirrorRow?, RowRejection?) Reject(int row, string field, string reason) => (null, new RowRejection(row, field, reason));

    private static string? Optional(string cell) => cell.Length == 0 ? null : cell;

    private static bool IsToken(string value, int max, bool allowUnderscore) =>
        value.Length is > 0 and var n && n <= max
        && value.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '.' || (allowUnderscore && ch is '_' or ':'));

    private static DateTimeOffset? ParseDate(string value)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return value.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var stamp)
            ? stamp.ToUniversalTime()
            : null;
    }
}
