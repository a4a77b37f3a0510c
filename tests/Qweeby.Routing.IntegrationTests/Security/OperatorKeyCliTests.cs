using Qweeby.Routing.Cli;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Security;

/// <summary>An operator key acts for every entity, so the CLI refuses to give it roles that would then act for every entity too.</summary>
public sealed class OperatorKeyCliTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Theory]
    [InlineData("Administering every entity", new[] { "--role", "account-administrator", "--role", "operator" }, "account_administrator")]
    [InlineData("Submitting for every entity", new[] { "--role", "submit", "--role", "operator" }, "submit")]
    [InlineData("With an entity list", new[] { "--role", "operator", "--role", "submit", "--entity", "6f1c2d3e-0000-4000-8000-000000000001" }, "submit")]
    [InlineData("Explicitly for all", new[] { "--role", "operator", "--role", "resolve", "--all-entities" }, "resolve")]
    public async Task An_operator_key_with_an_entity_scoped_role_is_a_usage_error_asking_for_a_separate_key(string _, string[] options, string role)
    {
        await TestCredentials.MigrateAsync(_database);

        var (exit, error) = await CreateAsync(options);

        Assert.Equal(CliApp.Usage, exit);
        Assert.Contains("separate key", error, StringComparison.Ordinal);
        Assert.Contains(role, error, StringComparison.Ordinal);
        Assert.Equal(0, await KeysAsync());
    }

    [Fact]
    public async Task An_operator_key_alone_is_still_created_for_every_entity()
    {
        await TestCredentials.MigrateAsync(_database);

        var (exit, _) = await CreateAsync("--role", "operator");

        Assert.Equal(CliApp.Ok, exit);
        Assert.Equal(1, await KeysAsync());
    }

    private async Task<(int Exit, string Error)> CreateAsync(params string[] options)
    {
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(["credentials", "create", "--name", "night operator", .. options, "--postgres", _database.ConnectionString],
            new StringWriter(), error);
        return (exit, error.ToString());
    }

    private async Task<long> KeysAsync()
    {
        await using var cmd = _database.DataSource.CreateCommand("SELECT count(*) FROM api_key");
        return (long)(await cmd.ExecuteScalarAsync(Ct))!;
    }
}
