using System.Text;
using Qweeby.Routing.Cli;
using Qweeby.Routing.Core.Security;
using Qweeby.Routing.IntegrationTests.Admin;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Lines;

/// <summary><c>qweeby lines ...</c> run as a process against a running admin host.</summary>
public sealed class LinesCliTests(LinesFixture fx) : IClassFixture<LinesFixture>
{
    private async Task<Dictionary<string, string?>> EnvironmentAsync() => new()
    {
        ["QWEEBY_TOKEN"] = await TestCredentials.IssueAsync(fx.Database, [Role.PlatformAdministrator]),
        ["QWEEBY_ADMIN_ADDRESS"] = fx.Admin.Address.ToString(),
    };

    [Fact]
    public async Task The_cli_imports_a_mirror_switches_a_provider_and_shows_the_lines_and_their_history()
    {
        var siren = TestIds.Siren();
        var line = $"CLI-{Guid.NewGuid():N}"[..16];
        var file = Path.Combine(Path.GetTempPath(), $"qweeby-mirror-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, $"line_id,siren,siret,routing_code,suffix,platform_id,valid_from,valid_to\n{line},{siren},,,,PDP-A,2026-01-01,\n",
            Encoding.UTF8, TestContext.Current.CancellationToken);
        var environment = await EnvironmentAsync();
        try
        {
            var import = await CliProcess.RunAsync(environment, "lines", "import", file);
            var switched = await CliProcess.RunAsync(environment, "lines", "switch", siren, "PDP-B", "2026-12-01");
            var shown = await CliProcess.RunAsync(environment, "lines", "show", siren, "--json");

            Assert.True(import.Exit == CliApp.Ok, import.Error);
            Assert.Contains("1 created", import.Error, StringComparison.Ordinal);
            Assert.True(switched.Exit == CliApp.Ok, switched.Error);
            Assert.True(shown.Exit == CliApp.Ok, shown.Error);
            Assert.Contains("\"PDP-B\"", shown.Output, StringComparison.Ordinal);
            Assert.Contains("\"imported\"", shown.Output, StringComparison.Ordinal);
            Assert.Contains("\"switched\"", shown.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_date_the_cli_cannot_read_is_a_usage_error()
    {
        var (exit, _, error) = await CliProcess.RunAsync(await EnvironmentAsync(), "lines", "end", "L-1", "next tuesday");

        Assert.Equal(CliApp.Usage, exit);
        Assert.Contains("not a date", error, StringComparison.Ordinal);
    }
}
