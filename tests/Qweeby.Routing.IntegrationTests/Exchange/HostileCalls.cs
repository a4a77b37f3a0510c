using Grpc.Core;

namespace Qweeby.Routing.IntegrationTests.Exchange;

/// <summary>What the exchange's hostile-input tests share: every call must answer clearly, never UNKNOWN or INTERNAL.</summary>
public static class HostileCalls
{
    private static readonly StatusCode[] Clear =
        [StatusCode.OK, StatusCode.InvalidArgument, StatusCode.NotFound, StatusCode.FailedPrecondition, StatusCode.AlreadyExists];

    public static async Task AssertEachAnswersClearlyAsync(IReadOnlyList<Func<Task>> calls, string value)
    {
        for (var i = 0; i < calls.Count; i++)
        {
            var code = await CodeOfAsync(calls[i]);
            Assert.True(Clear.Contains(code), $"call {i} with {Printable(value)} answered {code}");
        }
    }

    /// <summary>A watch that is accepted stays open: its headers say so; a refused one ends with its status.</summary>
    public static async Task WatchOnceAsync<T>(AsyncServerStreamingCall<T> call)
    {
        using (call)
        {
            await call.ResponseHeadersAsync;
            var status = call.GetStatus();
            if (status.StatusCode != StatusCode.OK)
                throw new RpcException(status);
        }
    }

    private static async Task<StatusCode> CodeOfAsync(Func<Task> call)
    {
        try
        {
            await call();
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
        catch (InvalidOperationException)
        {
            // GetStatus on a call still open: the watch was accepted.
            return StatusCode.OK;
        }
    }

    private static string Printable(string value) =>
        value.Length > 40 ? $"{value[..40]}… ({value.Length} chars)" : string.Concat(value.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
