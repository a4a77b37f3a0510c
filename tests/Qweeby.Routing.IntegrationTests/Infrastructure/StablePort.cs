using System.Net;
using System.Net.Sockets;

namespace Qweeby.Routing.IntegrationTests.Infrastructure;

/// <summary>
/// A free loopback port for a server a test stops and starts again on the same address. Taken below the
/// kernel's ephemeral range (32768+), so the port-0 binds of other hosts running meanwhile never land on it, and
/// never given twice in one test run: two tests starting at once could otherwise both probe one port free and
/// the slower host fail to bind it.
/// </summary>
public static class StablePort
{
    private const int Low = 20_000;
    private const int High = 32_000;
    private static readonly HashSet<int> Given = [];

    public static int Next()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(Low, High);
            lock (Given)
            {
                if (!Given.Add(port))
                    continue;
            }
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }
        throw new InvalidOperationException($"No free port between {Low} and {High}.");
    }
}
