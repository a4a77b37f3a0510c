using System.Globalization;
using System.Text;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;

namespace Qweeby.Routing.Hosting.Security;

/// <summary>
/// Answers a call with a gRPC error before any service runs (authorization, rate limiting). Left to
/// themselves, ASP.NET's middlewares answer HTTP 401/403/503, which gRPC clients see as a bare
/// UNAUTHENTICATED/PERMISSION_DENIED/UNAVAILABLE without details; this writes a "trailers-only"
/// response instead, as grpc-dotnet does for errors raised before the first message: HTTP 200,
/// <c>grpc-status</c>, <c>grpc-message</c> and <c>grpc-status-details-bin</c> (the google.rpc.Status) in the headers.
/// </summary>
internal static class GrpcErrorResponse
{
    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase);

    public static Task WriteAsync(HttpContext context, Google.Rpc.Status status)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = status.Code.ToString(CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = PercentEncode(status.Message);
        response.Headers["grpc-status-details-bin"] = Convert.ToBase64String(status.ToByteArray());
        return Task.CompletedTask;
    }

    // gRPC's grpc-message: UTF-8, with bytes outside 0x20-0x7E and '%' itself percent-encoded.
    private static string PercentEncode(string message)
    {
        if (!message.Any(c => c is < ' ' or > '~' or '%'))
            return message;
        var encoded = new StringBuilder(message.Length + 16);
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            if (b is < 0x20 or > 0x7E or (byte)'%')
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            else
                encoded.Append((char)b);
        }
        return encoded.ToString();
    }
}
