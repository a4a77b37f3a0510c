using System.Runtime;

namespace Qweeby.Routing.Bench.Load;

/// <summary>
/// Waits for the JIT to stop compiling. Tiered compilation defers its rewrites while new code keeps starting up, so a
/// warm-up right after the hosts start leaves a backlog that the next measurement would otherwise pay for (a mirror
/// import measured that way spent a third of this process's CPU in the JIT).
/// </summary>
internal static class JitSettling
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <returns>Whether it settled before <paramref name="limit"/>.</returns>
    public static async Task<bool> WaitAsync(TimeSpan limit, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + limit;
        var compiled = JitInfo.GetCompiledMethodCount();
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(Poll, ct);
            var now = JitInfo.GetCompiledMethodCount();
            if (now == compiled)
                return true;
            compiled = now;
        }
        return false;
    }
}
