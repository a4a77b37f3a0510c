using System.Text;
using System.Text.Json;
using Qweeby.Routing.Cli;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Admin;

/// <summary>The <c>qweeby</c> CLI as administrators run it: a separate process against a running admin host.</summary>
public sealed class CliProcessTests(AdminFixture fixture) : IClassFixture<AdminFixture>
{
    private async Task<Dictionary<string, string?>> EnvironmentAsync(params Guid[] administered)
    {
        string token;
        if (administered.Length == 0)
            token = await TestCredentials.IssueAsync(fixture.Database, [Core.Security.Role.PlatformAdministrator]);
        else
            token = await TestCredentials.IssueAsync(fixture.Database, [Core.Security.Role.AccountAdministrator], administered);
        return new() { ["QWEEBY_TOKEN"] = token, ["QWEEBY_ADMIN_ADDRESS"] = fixture.Admin.Address.ToString() };
    }

    [Fact]
    public async Task The_cli_closes_a_customer_directory_and_the_next_resolve_sees_it()
    {
        var (sender, senderSiret) = await fixture.SenderAsync();
        var (_, recipientSiret, _) = await fixture.RecipientAsync();
        await fixture.ResolveAsync(senderSiret, recipientSiret);

        var (exit, output, error) = await CliProcess.RunAsync(await EnvironmentAsync(sender), "settings", "set-customer-directory", $"0009:{senderSiret}", "closed");

        Assert.True(exit == CliApp.Ok, error);
        Assert.Contains("customer_directory: CLOSED", output, StringComparison.Ordinal);
        await Eventually.True(async () => await fixture.RefusalOfResolveAsync(senderSiret, recipientSiret) == "NOT_IN_CUSTOMER_DIRECTORY",
            TimeSpan.FromSeconds(2), "the closed directory on the routing host");
    }

    [Fact]
    public async Task The_cli_adds_a_natural_person_without_an_identifier_found_by_its_customer_number()
    {
        var (supplier, supplierSiret) = await fixture.SenderAsync();

        var (exit, output, error) = await CliProcess.RunAsync(await EnvironmentAsync(supplier), "customers", "add", supplierSiret,
            "--kind", "natural-person", "--name", "Jeanne Martin", "--number", "P-77", "--country", "FR", "--json");
        var listed = await fixture.Directory.ListCustomersAsync(new ListCustomersRequest { Supplier = supplierSiret, Query = "P-77" });

        Assert.True(exit == CliApp.Ok, error);
        Assert.Contains("Jeanne Martin", output, StringComparison.Ordinal);
        var entry = Assert.Single(listed.Entries);
        Assert.Equal(("Jeanne Martin", 0), (entry.CustomerName, entry.CustomerIdentifiers.Count));
    }

    [Fact]
    public async Task The_cli_imports_a_file_reporting_rejected_rows_with_exit_code_8_and_progress_on_stderr()
    {
        var good = TestIds.Siret(TestIds.Siren());
        var file = Path.Combine(Path.GetTempPath(), $"qweeby-import-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, $"legal_name;siret;contact_last_name;contact_email\nCli Import SA;{good};Roux;{Guid.NewGuid():N}@cli.test\nBroken;123;;\n",
            Encoding.UTF8, TestContext.Current.CancellationToken);
        try
        {
            var (exit, output, error) = await CliProcess.RunAsync(await EnvironmentAsync(), "import", "entities", file);

            Assert.True(exit == CliApp.Partial, $"exit {exit}: {error}");
            Assert.Contains("100%", error, StringComparison.Ordinal);
            Assert.Contains("2 rows: 1 entities created, 1 rejections", error, StringComparison.Ordinal);
            Assert.Contains(output.Split('\n'), l => l.StartsWith("3 ", StringComparison.Ordinal) && l.Contains("siret", StringComparison.Ordinal));
            Assert.Equal("Cli Import SA", (await fixture.Entities.GetEntityAsync(new EntityRef { Entity = good })).LegalName);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_cli_reads_its_token_from_a_config_file_and_prints_json_for_scripts()
    {
        var (id, siret) = await fixture.SenderAsync("Json Reader");
        var environment = await EnvironmentAsync(id);
        var config = Path.Combine(Path.GetTempPath(), $"qweeby-config-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new { address = environment["QWEEBY_ADMIN_ADDRESS"], token = environment["QWEEBY_TOKEN"] }),
            TestContext.Current.CancellationToken);
        try
        {
            var (exit, output, error) = await CliProcess.RunAsync(new Dictionary<string, string?> { ["QWEEBY_CONFIG"] = config }, "settings", "get", siret, "--json");

            Assert.True(exit == CliApp.Ok, error);
            using var json = JsonDocument.Parse(output);
            Assert.Equal(id.ToString(), json.RootElement.GetProperty("entityId").GetString());
            Assert.Equal("DIRECTORY_MODE_OPEN", json.RootElement.GetProperty("customerDirectory").GetString());
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Fact]
    public async Task The_cli_exit_codes_say_what_went_wrong()
    {
        var (mine, _) = await fixture.SenderAsync();
        var (_, theirs) = await fixture.SenderAsync();
        var environment = await EnvironmentAsync(mine);

        var denied = await CliProcess.RunAsync(environment, "settings", "get", theirs);
        var notFound = await CliProcess.RunAsync(await EnvironmentAsync(), "settings", "get", TestIds.Siret(TestIds.Siren()));
        var invalid = await CliProcess.RunAsync(environment, "settings", "set-supplier-directory", mine.ToString(), "ajar");
        var unavailable = await CliProcess.RunAsync(new Dictionary<string, string?> { ["QWEEBY_ADMIN_ADDRESS"] = "http://127.0.0.1:1" }, "settings", "get", theirs);
        var help = await CliProcess.RunAsync(environment, "customers", "add", "--help");

        Assert.Equal(CliApp.Denied, denied.Exit);
        Assert.Contains("ENTITY_OUT_OF_SCOPE", denied.Error, StringComparison.Ordinal);
        Assert.Equal(CliApp.NotFound, notFound.Exit);
        Assert.Equal(CliApp.Usage, invalid.Exit);
        Assert.Contains("open or closed", invalid.Error, StringComparison.Ordinal);
        Assert.Equal(CliApp.Unavailable, unavailable.Exit);
        Assert.Equal(CliApp.Ok, help.Exit);
        Assert.Contains("qweeby customers add SUPPLIER [CUSTOMER]", help.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cli_operator_commands_reach_the_routing_host_for_transmissions_and_the_admin_host_for_replays()
    {
        var (_, senderSiret) = await fixture.SenderAsync();
        var environment = new Dictionary<string, string?>
        {
            ["QWEEBY_TOKEN"] = await TestCredentials.IssueAsync(fixture.Database, [Core.Security.Role.Operator]),
            ["QWEEBY_ADMIN_ADDRESS"] = fixture.Admin.Address.ToString(),
            ["QWEEBY_ROUTING_ADDRESS"] = fixture.Routing.Address.ToString(),
        };
        var unknown = Guid.NewGuid().ToString();

        var list = await CliProcess.RunAsync(environment, "transmissions", "list", senderSiret);
        var show = await CliProcess.RunAsync(environment, "transmissions", "show", unknown);
        var replay = await CliProcess.RunAsync(environment, "transmissions", "replay", unknown, "--reason", "partner back");
        var noReason = await CliProcess.RunAsync(environment, "transmissions", "replay", unknown);
        var timeline = await CliProcess.RunAsync(environment, "transmissions", "timeline", unknown);
        var replayStatus = await CliProcess.RunAsync(environment, "transmissions", "replay-status", unknown, unknown, "--reason", "partner back");

        Assert.True(list.Exit == CliApp.Ok, list.Error);
        Assert.Contains("(none)", list.Output, StringComparison.Ordinal);
        Assert.Equal((CliApp.NotFound, true), (show.Exit, show.Error.Contains("TRANSMISSION_NOT_FOUND", StringComparison.Ordinal)));
        Assert.Equal((CliApp.NotFound, true), (replay.Exit, replay.Error.Contains("TRANSMISSION_NOT_FOUND", StringComparison.Ordinal)));
        Assert.Equal(CliApp.Usage, noReason.Exit);
        Assert.Equal((CliApp.NotFound, true), (timeline.Exit, timeline.Error.Contains("TRANSMISSION_NOT_FOUND", StringComparison.Ordinal)));
        Assert.Equal((CliApp.NotFound, true), (replayStatus.Exit, replayStatus.Error.Contains("STATUS_NOT_FOUND", StringComparison.Ordinal)));
    }
}
