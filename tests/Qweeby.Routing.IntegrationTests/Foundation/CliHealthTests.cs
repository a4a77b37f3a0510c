using Qweeby.Routing.Admin;
using Qweeby.Routing.Cli;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Foundation;

public sealed class CliHealthTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task The_cli_health_command_reports_a_running_admin_host_as_serving()
    {
        await using var admin = await RunningHost.StartAsync(AdminHost.Build, _database, Keys.Unique());
        var output = new StringWriter();

        var exit = await CliApp.RunAsync(["health", "--address", admin.Address.ToString()], output, new StringWriter());

        Assert.Equal(CliApp.Ok, exit);
        Assert.Contains("Serving", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cli_health_command_exits_unavailable_when_nothing_listens()
    {
        var error = new StringWriter();

        var exit = await CliApp.RunAsync(["health", "--address", "http://127.0.0.1:1"], new StringWriter(), error);

        Assert.Equal(CliApp.Unavailable, exit);
        Assert.Contains("Unavailable", error.ToString(), StringComparison.Ordinal);
    }
}
