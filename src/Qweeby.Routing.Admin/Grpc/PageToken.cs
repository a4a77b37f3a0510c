using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace Qweeby.Routing.Admin.Grpc;

/// <summary>Opaque page tokens bound to the query they continue: a token from another query is INVALID_ARGUMENT.</summary>
public static class PageToken
{
    public static string Encode(string query, long position) =>
        position <= 0 ? "" : Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Hash(query)}:{position.ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>The position a token continues from; 0 for no token; null (with a violation) for a foreign or broken one.</summary>
    public static long? Decode(RequestFields fields, string field, string token, string query)
    {
        if (token.Length == 0)
            return 0;
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split(':');
            if (parts.Length == 2 && parts[0] == Hash(query) && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var position))
                return position;
        }
        catch (FormatException)
        {
        }
        fields.Add(field, "FORMAT", "Not a page token of this query: send the next_page_token of the previous page with the same filters.");
        return null;
    }

    private static string Hash(string query) => XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(query)).ToString("x16", CultureInfo.InvariantCulture);
}
