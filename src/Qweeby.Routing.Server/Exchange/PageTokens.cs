using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Qweeby.Routing.Hosting.Grpc;

namespace Qweeby.Routing.Server.Exchange;

/// <summary>
/// Opaque continuation tokens: a keyset position bound to a fingerprint of the query it continues, so a
/// token replayed with other filters is refused instead of silently skipping rows.
/// </summary>
internal static class PageTokens
{
    public static string Write(string position, string query) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{position}|{Fingerprint(query)}"));

    /// <summary>The position, or null for an empty token; INVALID_ARGUMENT for a token of another query.</summary>
    public static string? Read(string token, string query)
    {
        if (token.Length == 0)
            return null;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var bar = text.LastIndexOf('|');
            if (bar > 0 && text[(bar + 1)..] == Fingerprint(query))
                return text[..bar];
        }
        catch (FormatException)
        {
        }
        throw Invalid();
    }

    public static (DateTimeOffset AcceptedAt, Guid TransmissionId) ReadTransmissionKey(string position)
    {
        var parts = position.Split('~');
        return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTimeOffset.MaxValue.UtcTicks && Guid.TryParse(parts[1], out var id)
            ? (new DateTimeOffset(ticks, TimeSpan.Zero), id)
            : throw Invalid();
    }

    public static string TransmissionKey(DateTimeOffset acceptedAt, Guid transmissionId) =>
        string.Create(CultureInfo.InvariantCulture, $"{acceptedAt.UtcTicks}~{transmissionId}");

    public static long ReadSequence(string position) =>
        long.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence : throw Invalid();

    private static RpcException Invalid() =>
        RpcErrors.Invalid("page_token", "FORMAT", "This page token does not belong to this query: start again without a token.").ToException();

    private static string Fingerprint(string query) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(query)), 0, 6);
}
