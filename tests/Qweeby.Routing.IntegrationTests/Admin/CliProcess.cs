using System.Diagnostics;

namespace Qweeby.Routing.IntegrationTests.Admin;

/// <summary>Runs the built <c>qweeby</c> CLI as a separate process (<c>dotnet qweeby.dll ...</c>), with only the environment given.</summary>
public static class CliProcess
{
    public static async Task<(int Exit, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CliPath());
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        // The CLI must get its address and token from what the test gives, not from the machine running the tests.
        foreach (var name in new[] { "QWEEBY_TOKEN", "QWEEBY_ADMIN_ADDRESS", "QWEEBY_CONFIG" })
            start.Environment.Remove(name);
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(Path.GetTempPath(), $"qweeby-none-{Guid.NewGuid():N}");
        foreach (var (name, value) in environment)
            start.Environment[name] = value;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>The CLI's own build output (as the README runs it), of the tests' configuration.</summary>
    private static string CliPath()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name ?? "Release";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var built = Path.Combine(dir.FullName, "tools", "Qweeby.Routing.Cli", "bin", configuration, "net10.0", "qweeby.dll");
            if (File.Exists(built))
                return built;
        }
        throw new FileNotFoundException($"tools/Qweeby.Routing.Cli/bin/{configuration}/net10.0/qweeby.dll not found: build the CLI first.");
    }
}
