using System.Text;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Qweeby.Routing.Admin;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Core.Security;
using Qweeby.Routing.Data.Cache;
using Qweeby.Routing.IntegrationTests.Infrastructure;
using Qweeby.Routing.Server;

namespace Qweeby.Routing.IntegrationTests.Lines;

/// <summary>An admin host and a routing host on one database and one cache: lines written on one route on the other.</summary>
public sealed class LinesFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;
    public RunningHost Admin { get; private set; } = null!;
    public RunningHost Routing { get; private set; } = null!;
    public DirectorySeeder Seed { get; private set; } = null!;
    public DirectoryLines.DirectoryLinesClient Lines { get; private set; } = null!;
    public RecipientDirectory.RecipientDirectoryClient Directory { get; private set; } = null!;
    public string ResolveToken { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        var prefix = Keys.Unique();
        Admin = await RunningHost.StartAsync(AdminHost.Build, Database, prefix);
        Routing = await RunningHost.StartAsync(RoutingHost.Build, Database, prefix);
        Seed = new DirectorySeeder(Admin.Services.GetRequiredService<DirectoryWrite>());
        Lines = new DirectoryLines.DirectoryLinesClient(Admin.CallInvokerFor(await TestCredentials.IssueAsync(Database, [Role.PlatformAdministrator])));
        ResolveToken = await TestCredentials.IssueAsync(Database, [Role.Resolve]);
        Directory = new RecipientDirectory.RecipientDirectoryClient(Routing.CallInvokerFor(ResolveToken));
    }

    public async ValueTask DisposeAsync()
    {
        await Routing.DisposeAsync();
        await Admin.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>Uploads a mirror file of <paramref name="rows"/> (CSV, under the header) as the admin CLI would.</summary>
    public async Task<ImportMirrorReply> ImportMirrorAsync(MirrorMode mode, params string[] rows)
    {
        using var call = Lines.ImportMirror();
        var file = Encoding.UTF8.GetBytes(string.Join('\n', ["line_id,siren,siret,routing_code,suffix,platform_id,valid_from,valid_to", .. rows]));
        // Chunks that cut rows in the middle, as a real upload would.
        return await ClientStreams.SendAllAsync(call, file.Chunk(37).Select(chunk => new ImportMirrorChunk { Mode = mode, Data = ByteString.CopyFrom(chunk) }));
    }

    public static string MirrorRow(string id, string siren, string platform, string from = "2026-01-01", string to = "", string siret = "") =>
        $"{id},{siren},{siret},,,{platform},{from},{to}";

    /// <summary>A company with one establishment, registered (outside the French directory) at a fallback provider.</summary>
    public async Task<(string Siren, string Siret, string Fallback)> CompanyAsync()
    {
        var siren = TestIds.Siren();
        var siret = TestIds.Siret(siren);
        var id = await Seed.EntityAsync("Lined Company", [siret]);
        var fallback = await Seed.ProviderAsync();
        await Seed.RegisterAsync(id, fallback);
        return (siren, siret, fallback);
    }
}
