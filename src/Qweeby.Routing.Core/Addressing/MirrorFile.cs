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
    private const int Columns = 8;
    private const int MaxIdLength = 64;
    private const int MaxLabelLength = 100;
    private const int MaxNumberLength = 64;

    public static bool IsHeader(string line) => line.Trim().Equals(Header, StringComparison.OrdinalIgnoreCase);

    public static (MirrorRow? Row, RowRejection? Rejection) ParseRow(string text, int rowNumber)
    {
        // Cells as spans of the row: only the ones kept become strings (a file has millions of rows).
        Span<Range> cells = stackalloc Range[Columns + 1];
        var count = text.AsSpan().Split(cells, ',');
        if (count != Columns)
            return Reject(rowNumber, "row", $"expected {Columns} comma-separated cells ({Header}), found {text.AsSpan().Count(',') + 1}");

        if (ParseDate(Cell(text, cells[6])) is not { } from)
            return Reject(rowNumber, "valid_from", "must be a date (YYYY-MM-DD) or an RFC 3339 timestamp");
        DateTimeOffset? to = null;
        var validTo = Cell(text, cells[7]);
        if (validTo.Length > 0)
        {
            if (ParseDate(validTo) is not { } parsedTo)
                return Reject(rowNumber, "valid_to", "must be empty (open) or a date (YYYY-MM-DD) or an RFC 3339 timestamp");
            to = parsedTo;
        }
        return Check(rowNumber, Kept(text, cells[0]), Kept(text, cells[1]), Kept(text, cells[2]), Kept(text, cells[3]),
            Kept(text, cells[4]), Kept(text, cells[5]), from, to);
    }

    private static ReadOnlySpan<char> Cell(string row, Range cell) => row.AsSpan(cell).Trim();

    private static string Kept(string row, Range cell) => Cell(row, cell) is { Length: > 0 } text ? text.ToString() : "";

    /// <summary>The rules of a line's fields, shared by the mirror file and the admin API. Empty strings are absent values.</summary>
    public static (MirrorRow? Row, RowRejection? Rejection) Check(
        int rowNumber, string lineId, string sirenText, string siretText, string routingCode, string suffixText, string platformId,
        DateTimeOffset from, DateTimeOffset? to)
    {
        if (LineIdProblem(lineId) is { } lineIdProblem)
            return Reject(rowNumber, "line_id", lineIdProblem);
        if (ParseNumber(DigitScheme.Siren, sirenText, out var siren) is { } sirenError)
            return Reject(rowNumber, "siren", sirenError);
        string? siret = null;
        if (siretText.Length > 0)
        {
            if (ParseNumber(DigitScheme.Siret, siretText, out var parsed) is { } siretError)
                return Reject(rowNumber, "siret", siretError);
            if (!parsed.Value.StartsWith(siren.Value, StringComparison.Ordinal))
                return Reject(rowNumber, "siret", $"SIRET {parsed.Value} does not belong to SIREN {siren.Value}");
            siret = parsed.Value;
        }
        var code = Optional(routingCode);
        var suffix = Optional(suffixText);
        if (code is not null && (siret is null || !IsToken(code, MaxLabelLength, allowUnderscore: false)))
            return Reject(rowNumber, "routing_code", "a routing code needs a SIRET and is letters, digits, '-' or '.'");
        if (suffix is not null && (siret is not null || !IsToken(suffix, MaxLabelLength, allowUnderscore: false)))
            return Reject(rowNumber, "suffix", "a suffix goes with a SIREN alone and is letters, digits, '-' or '.'");
        // SIREN_<14 digits> is a SIRET's address: no invoice could reach such a suffix, and its address would be a SIRET line's.
        if (suffix is { Length: 14 } && suffix.All(char.IsAsciiDigit))
            return Reject(rowNumber, "suffix", "14 digits after the SIREN make a SIRET's address: give the line that SIRET instead of a suffix");
        if (PlatformIdProblem(platformId) is { } platformProblem)
            return Reject(rowNumber, "platform_id", platformProblem);
        if (to is { } end && end <= from)
            return Reject(rowNumber, "valid_to", "must be after valid_from");
        var granularity = LineGranularityCodes.Of(siret, code, suffix);
        return (new MirrorRow(rowNumber, lineId, granularity, siren.Value, siret, code?.ToUpperInvariant(), suffix?.ToUpperInvariant(), platformId, from, to), null);
    }

    /// <summary>Why a SIREN or SIRET as typed (spaces around it, separators inside) is not one, or null.</summary>
    private static string? ParseNumber(DigitScheme scheme, string text, out PartyId id)
    {
        id = default;
        text = text.Trim();
        // Nothing this long is a number of 14 digits or fewer, and the reason should not repeat it back.
        if (text.Length > MaxNumberLength)
            return $"has {text.Length} characters, more than any {scheme.Name} needs; send the {scheme.Length} digits";
        return scheme.ParseText(text, out id)?.Description;
    }

    /// <summary>Why a line id is malformed, or null.</summary>
    public static string? LineIdProblem(string lineId) => IdProblem(lineId);

    /// <summary>Why a platform id is malformed, or null.</summary>
    public static string? PlatformIdProblem(string platformId) => IdProblem(platformId);

    private static string? IdProblem(string id) =>
        IsToken(id, MaxIdLength, allowUnderscore: true)
            ? null
            : $"must be 1 to {MaxIdLength} letters, digits, '-', '_', '.' or ':', starting with a letter or digit";

    private static (MirrorRow?, RowRejection?) Reject(int row, string field, string reason) => (null, new RowRejection(row, field, reason));

    private static string? Optional(string cell) => cell.Length == 0 ? null : cell;

    private static bool IsToken(string value, int max, bool allowUnderscore)
    {
        if (value.Length is 0 || value.Length > max || !char.IsAsciiLetterOrDigit(value[0]))
            return false;
        foreach (var ch in value)
            if (!(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '.' || (allowUnderscore && ch is '_' or ':')))
                return false;
        return true;
    }

    /// <summary>A date (YYYY-MM-DD, midnight UTC) or an RFC 3339 timestamp; null when it is neither.</summary>
    public static DateTimeOffset? ParseDate(ReadOnlySpan<char> value)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return value.Contains('T')
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var stamp)
            ? stamp.ToUniversalTime()
            : null;
    }
}
