using System.Text.Json;
using Grpc.Core;
using Qweeby.Routing.Cli;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Core.Security;
using Qweeby.Routing.IntegrationTests.Infrastructure;
using Qweeby.Routing.Server;

namespace Qweeby.Routing.IntegrationTests.Security;

public sealed class CredentialsCliTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_platform_administrator_key_created_with_the_cli_is_accepted_by_a_host()
    {
        await TestCredentials.MigrateAsync(_database);

        var (exit, output, _) = await CliAsync("credentials", "create", "--name", "first admin", "--role", "platform-administrator");

        Assert.Equal(CliApp.Ok, exit);
        var token = output.Split('\n').Single(l => l.StartsWith("qk_", StringComparison.Ordinal)).Trim();
        await using var routing = await RunningHost.StartAsync(RoutingHost.Build, _database, Keys.Unique());
        var me = await new Identity.IdentityClient(routing.CallInvokerFor(token)).WhoAmIAsync(new(), cancellationToken: Ct);
        Assert.Equal(["platform_administrator"], me.Roles);
        Assert.True(me.AllEntities);
        Assert.Equal("first admin", me.DisplayName);
    }

    [Fact]
    public async Task Creating_a_key_with_json_prints_its_id_roles_entities_and_token()
    {
        await TestCredentials.MigrateAsync(_database);
        var entity = await AddEntityAsync();

        var (exit, output, _) = await CliAsync("credentials", "create", "--name", "invoicing", "--role", "resolve", "--role", "submit",
            "--entity", entity.ToString(), "--json");

        Assert.Equal(CliApp.Ok, exit);
        using var json = JsonDocument.Parse(output);
        var key = json.RootElement.GetProperty("key");
        Assert.Equal(["resolve", "submit"], key.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal([entity.ToString()], key.GetProperty("entity_ids").EnumerateArray().Select(r => r.GetString()));
        Assert.False(key.GetProperty("all_entities").GetBoolean());
        Assert.StartsWith($"qk_{key.GetProperty("key_id").GetString()}_", json.RootElement.GetProperty("token").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_a_key_for_an_entity_missing_from_the_directory_exits_not_found()
    {
        await TestCredentials.MigrateAsync(_database);
        var missing = Guid.NewGuid();

        var (exit, _, error) = await CliAsync("credentials", "create", "--name", "x", "--role", "resolve", "--entity", missing.ToString());

        Assert.Equal(CliApp.NotFound, exit);
        Assert.Contains(missing.ToString(), error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("No role", new[] { "--name", "x" }, "at least one role")]
    [InlineData("Unknown role", new[] { "--name", "x", "--role", "superuser" }, "Unknown role 'superuser'")]
    [InlineData("No scope", new[] { "--name", "x", "--role", "submit" }, "which entities")]
    [InlineData("Partner key", new[] { "--name", "x", "--role", "partner", "--all-entities" }, "client certificate")]
    [InlineData("Typo", new[] { "--name", "x", "--rol", "resolve" }, "Unknown option '--rol'")]
    public async Task Creating_a_key_the_rules_refuse_is_a_usage_error_saying_what_to_change(string _, string[] options, string expected)
    {
        await TestCredentials.MigrateAsync(_database);

        var (exit, _, error) = await CliAsync(["credentials", "create", .. options]);

        Assert.Equal(CliApp.Usage, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_revoked_with_the_cli_is_refused_by_a_host_as_revoked()
    {
        var token = await TestCredentials.IssueAsync(_database, [Role.Operator]);

        var (exit, _, _) = await CliAsync("credentials", "revoke", "--key-id", token[3..19]);

        Assert.Equal(CliApp.Ok, exit);
        await using var routing = await RunningHost.StartAsync(RoutingHost.Build, _database, Keys.Unique());
        await Refusal.AssertAsync(StatusCode.Unauthenticated, SecurityReasons.CredentialsRevoked,
            async () => await new Identity.IdentityClient(routing.CallInvokerFor(token)).WhoAmIAsync(new(), cancellationToken: Ct));
    }

    [Fact]
    public async Task Revoking_an_unknown_key_exits_not_found()
    {
        await TestCredentials.MigrateAsync(_database);

        var (exit, _, _) = await CliAsync("credentials", "revoke", "--key-id", "0123456789abcdef");

        Assert.Equal(CliApp.NotFound, exit);
    }

    [Fact]
    public async Task Listing_keys_shows_names_and_revocations_but_never_a_secret()
    {
        var kept = await TestCredentials.IssueAsync(_database, [Role.Operator], name: "night operator");
        var revoked = await TestCredentials.IssueAsync(_database, [Role.Operator], name: "former operator");
        await TestCredentials.RevokeAsync(_database, revoked);

        var (exit, output, _) = await CliAsync("credentials", "list");

        Assert.Equal(CliApp.Ok, exit);
        var lines = output.Split('\n');
        Assert.Contains(lines, l => l.StartsWith(kept[3..19], StringComparison.Ordinal) && l.Contains("night operator", StringComparison.Ordinal) && l.TrimEnd().EndsWith('-'));
        Assert.Contains(lines, l => l.StartsWith(revoked[3..19], StringComparison.Ordinal) && !l.TrimEnd().EndsWith('-'));
        Assert.DoesNotContain(kept[20..], output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cli_against_an_unmigrated_database_says_to_apply_the_migrations()
    {
        var (exit, _, error) = await CliAsync("credentials", "list");

        Assert.Equal(CliApp.Unavailable, exit);
        Assert.Contains("migrate", error, StringComparison.Ordinal);
    }

    private async Task<(int Exit, string Output, string Error)> CliAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApp.RunAsync([.. args, "--postgres", _database.ConnectionString], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private async Task<Guid> AddEntityAsync()
    {
        var id = Guid.NewGuid();
        await using var cmd = _database.DataSource.CreateCommand(
            "INSERT INTO entity (entity_id, kind, legal_name, country) VALUES ($1, 'company', 'Test Company', 'FR')");
        cmd.Parameters.Add(new() { Value = id });
        await cmd.ExecuteNonQueryAsync(Ct);
        return id;
    }
}
