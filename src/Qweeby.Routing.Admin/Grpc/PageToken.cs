using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace Qweeby.Routing.Admin.Grpc;

/// <summary>Opaque page tokens bound to the query they continue: a token from another query is INVALID_ARGUMENT.</summary>
public static class PageToken
{
    public static string Encode(string query, long position) =>
        position <= 0 ? "" : Encode(query, position.ToString(CultureInfo.InvariantCulture));

    public static string Encode(string query, string position) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Hash(query)}:{position}"));

    /// <summary>The position a token continues from; 0 for no token; null (with a violation) for a foreign or broken one.</summary>
    public static long? Decode(RequestFields fields, string field, string token, string query)
    {
        if (token.Length == 0)
            return 0;
        if (DecodeText(fields, field, token, query) is not { } text)
            return null;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var position))
            return position;
        Refuse(fields, field);
        return null;
    }

    /// <summary>
    /// An offset into a list: <see cref="Decode"/> within what an <c>OFFSET</c> takes (a token's hash is no secret, so
    /// a caller can forge any number).
    /// </summary>
    public static int? DecodeOffset(RequestFields fields, string field, string token, string query)
    {
        var position = Decode(fields, field, token, query);
        if (position is null or <= int.MaxValue)
            return (int?)position;
        Refuse(fields, field);
        return null;
    }

    /// <summary>The position a token continues from as written; "" for no token; null (with a violation) for a foreign or broken one.</summary>
    public static string? DecodeText(RequestFields fields, string field, string token, string query)
    {
        if (token.Length == 0)
            return "";
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && text[..colon] == Hash(query))
                return text[(colon + 1)..];
        }
        catch (FormatException)
        {
        }
        Refuse(fields, field);
        return null;
    }

    /// <summary>The violation of a token that is not one of this query's.</summary>
    public static void Refuse(RequestFields fields, string field) =>
        fields.Add(field, "FORMAT", "Not a page token of this query: send the next_page_token of the previous page with the same filters.");

    private static string Hash(string query) => XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(query)).ToString("x16", CultureInfo.InvariantCulture);
}
