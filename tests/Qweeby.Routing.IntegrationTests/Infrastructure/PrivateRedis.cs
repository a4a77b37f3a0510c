using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Qweeby.Routing.IntegrationTests.Infrastructure;

/// <summary>
/// A redis-server of the test's own on a free port, to stop and start again (the shared one is never stopped).
/// Snapshots only on demand (<see cref="SaveAsync"/>), so a restart comes back empty unless a test saved.
/// </summary>
public sealed class PrivateRedis : IAsyncDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"qweeby-redis-{Guid.NewGuid():N}");
    private Process? _process;

    private PrivateRedis(int port) => Port = port;

    public int Port { get; }
    public string Endpoint => $"127.0.0.1:{Port}";

    public static async Task<PrivateRedis> StartAsync()
    {
        var port = StablePort.Next();
        var redis = new PrivateRedis(port);
        System.IO.Directory.CreateDirectory(redis._dir);
        await redis.RestartAsync();
        return redis;
    }

    public async Task RestartAsync()
    {
        _process = Process.Start(new ProcessStartInfo("redis-server",
            ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--daemonize", "no",
             "--dir", _dir, "--logfile", Path.Combine(_dir, "redis.log")])
        {
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server did not start");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await CommandAsync("PING") != "+PONG")
        {
            if (DateTime.UtcNow > deadline || _process.HasExited)
                throw new InvalidOperationException($"redis-server on port {Port} did not answer; see {_dir}/redis.log");
            await Task.Delay(20);
        }
    }

    /// <summary>Writes a snapshot that the next start loads: Redis comes back with its data, as after a network partition.</summary>
    public async Task SaveAsync()
    {
        var reply = await CommandAsync("SAVE");
        if (reply != "+OK")
            throw new InvalidOperationException($"SAVE answered {reply}");
    }

    /// <summary>Holds every write command (scripts included) of every client until <see cref="ResumeWritesAsync"/>; reads go on.</summary>
    public async Task PauseWritesAsync()
    {
        var reply = await CommandAsync("CLIENT PAUSE 60000 WRITE");
        if (reply != "+OK")
            throw new InvalidOperationException($"CLIENT PAUSE answered {reply}");
    }

    public async Task ResumeWritesAsync()
    {
        var reply = await CommandAsync("CLIENT UNPAUSE");
        if (reply != "+OK")
            throw new InvalidOperationException($"CLIENT UNPAUSE answered {reply}");
    }

    /// <summary>Stops the server process (SIGSTOP): it answers nothing and closes nothing, as a hung or partitioned Redis.</summary>
    public Task FreezeAsync() => SignalAsync("STOP");

    public Task ThawAsync() => SignalAsync("CONT");

    private async Task SignalAsync(string signal)
    {
        if (_process is not { HasExited: false } process)
            return;
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            { UseShellExecute = false }) ?? throw new InvalidOperationException("kill did not start");
        await kill.WaitForExitAsync();
    }

    public async Task KillAsync()
    {
        if (_process is not { HasExited: false } process)
            return;
        process.Kill();
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        System.IO.Directory.Delete(_dir, recursive: true);
    }

    /// <summary>One inline command and the first line of its reply, or null when nothing answers.</summary>
    private async Task<string?> CommandAsync(string command)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"));
            using var reader = new StreamReader(stream, Encoding.ASCII);
            return await reader.ReadLineAsync();
        }
        catch (SocketException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
