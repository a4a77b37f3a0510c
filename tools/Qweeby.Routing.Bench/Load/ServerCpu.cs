namespace Qweeby.Routing.Bench.Load;

/// <summary>
/// CPU time of this machine's Postgres and Redis processes, read from /proc (Linux only; zero elsewhere). Throughput on a
/// shared two-core machine moves with everything else that runs, but the CPU a call costs the servers moves much less:
/// it tells whether a change made a call cheaper even where the noise hides its throughput. Exited Postgres backends
/// count through their parent's reaped-children time, so backends that come and go in a window are not lost.
/// </summary>
internal static class ServerCpu
{
    private static readonly string[] Servers = ["postgres", "redis-server"];
    private const double TicksPerSecond = 100; // USER_HZ: 100 on every Linux that .NET runs on

    public static TimeSpan Now()
    {
        if (!OperatingSystem.IsLinux())
            return TimeSpan.Zero;
        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!char.IsAsciiDigit(Path.GetFileName(dir)[0]))
                continue;
            try
            {
                ticks += Ticks(File.ReadAllText(Path.Combine(dir, "stat")));
            }
            catch (IOException) // gone since listed
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>utime + stime + cutime + cstime of one /proc/PID/stat line, when its command is a server's.</summary>
    internal static long Ticks(string stat)
    {
        // "PID (comm) state ppid ...": comm may hold spaces and parentheses, so the fields start after the last ')'.
        var open = stat.IndexOf('(');
        var close = stat.LastIndexOf(')');
        if (open < 0 || close < open || !Servers.Contains(stat[(open + 1)..close]))
            return 0;
        var fields = stat[(close + 2)..].Split(' ');
        // After the comm: state is field 3 of the man page, so utime (14) .. cstime (17) are indexes 11 .. 14 here.
        return long.Parse(fields[11]) + long.Parse(fields[12]) + long.Parse(fields[13]) + long.Parse(fields[14]);
    }
}
