using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Qweeby.Routing.Admin;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Core.Security;
using Qweeby.Routing.IntegrationTests.Infrastructure;
using Qweeby.Routing.Server;
using ExchangeClient = Qweeby.Routing.Contracts.V1.Exchange.ExchangeClient;

namespace Qweeby.Routing.IntegrationTests.Exchange;

/// <summary>
/// Two access points running this service, each with its own database: A (plain http, where suppliers
/// submit) and B (https on a fixed port, asking partners for certificates). A's directory knows B as the
/// provider of B's customers at B's address; B's knows A by A's client certificate. B can be stopped and
/// started again on the same address, A restarted on its database. Retries and polls are fast.
/// </summary>
public sealed class ExchangePeers : IAsyncDisposable
{
    public const string ProviderA = "ap-a";
    public const string ProviderB = "ap-b";

    /// <summary>A third access point both directories know, which never answers.</summary>
    public const string ProviderC = "ap-c";

    public static readonly string[] FastForwarding =
    [
        "--Exchange:PollInterval=00:00:00.100",
        "--Exchange:RetryInitialDelay=00:00:00.100",
        "--Exchange:RetryMaxDelay=00:00:00.300",
        "--Exchange:SendTimeout=00:00:05",
        "--Exchange:LeaseDuration=00:00:10",
        "--Exchange:Workers=2",
    ];

    private readonly string[] _argsA;
    private readonly int _portB = FreePort();

    private ExchangePeers(string[] argsA, TestDatabase a, TestDatabase b)
    {
        _argsA = argsA;
        DatabaseA = a;
        DatabaseB = b;
        SeedA = new ExchangeSeeder(a.DataSource);
        SeedB = new ExchangeSeeder(b.DataSource);
        Tls = TestTls.Create();
        IdentityA = new PeerIdentity(Tls, ProviderA);
    }

    public TestDatabase DatabaseA { get; }
    public TestDatabase DatabaseB { get; }
    public ExchangeSeeder SeedA { get; }
    public ExchangeSeeder SeedB { get; }
    public TestTls Tls { get; }
    public PeerIdentity IdentityA { get; }
    public string AddressB => $"https://127.0.0.1:{_portB}";

    public RunningHost A { get; private set; } = null!;
    public RunningHost? B { get; private set; }
    public RunningHost? AdminA { get; private set; }

    /// <summary>An internal service of A submitting for every entity (and reading their transmissions).</summary>
    public ExchangeClient ClientA { get; private set; } = null!;

    /// <summary>An internal service of B taking hosted recipients' invoices from their inboxes.</summary>
    public ExchangeClient InboxClientB => new(B!.CallInvokerFor(_inboxTokenB));

    /// <summary>B called as partner A would (A's client certificate).</summary>
    public ExchangeClient AsPartnerOfB => new(B!.ChannelWith(IdentityA.Certificate));

    private string _submitTokenA = "";
    private string _operatorTokenA = "";
    private string _inboxTokenB = "";

    /// <param name="argsA">Settings for A on top of <see cref="FastForwarding"/>.</param>
    public static async Task<ExchangePeers> StartAsync(IEnumerable<string>? argsA = null, bool startB = true, Action<WebApplicationBuilder>? configureB = null)
    {
        var peers = new ExchangePeers([.. argsA ?? []], await TestDatabase.CreateAsync(), await TestDatabase.CreateAsync());
        await peers.SeedProvidersAsync();
        peers._submitTokenA = await TestCredentials.IssueAsync(peers.DatabaseA, [Role.Submit]);
        peers._operatorTokenA = await TestCredentials.IssueAsync(peers.DatabaseA, [Role.Operator]);
        peers._inboxTokenB = await TestCredentials.IssueAsync(peers.DatabaseB, [Role.Submit]);
        await peers.StartAAsync();
        if (startB)
            await peers.StartBAsync(configureB);
        return peers;
    }

    /// <summary>A supplier known to both directories, and a customer hosted at B (known to both as such).</summary>
    public async Task<TradingPair> PairAsync(string name = "Pair")
    {
        var sender = TestIds.Siret(TestIds.Siren());
        var recipient = TestIds.Siret(TestIds.Siren());
        var pair = new TradingPair(
            sender, recipient,
            await SeedA.CompanyAsync($"{name} Supplier", sender), await SeedA.CompanyAsync($"{name} Customer", recipient, ProviderB),
            await SeedB.CompanyAsync($"{name} Supplier", sender), await SeedB.CompanyAsync($"{name} Customer", recipient, ProviderB));
        return pair;
    }

    public async Task StartAAsync(Action<WebApplicationBuilder>? configure = null)
    {
        A = await RunningHost.StartAsync(RoutingHost.Build, DatabaseA, Keys.Unique(),
            [$"--Platform:ProviderId={ProviderA}", .. FastForwarding, .. IdentityA.Args(), .. _argsA], configure);
        ClientA = new ExchangeClient(A.CallInvokerFor(_submitTokenA));
    }

    public async Task StopAAsync() => await A.DisposeAsync();

    public async Task StartBAsync(Action<WebApplicationBuilder>? configure = null) =>
        B = await RunningHost.StartAsync(RoutingHost.Build, DatabaseB, Keys.Unique(),
            [$"--Platform:ProviderId={ProviderB}", .. FastForwarding, $"--Endpoint:Url={AddressB}"], configure, Tls);

    public async Task StopBAsync()
    {
        if (B is not null)
            await B.DisposeAsync();
        B = null;
    }

    /// <summary>Operators' admin host on A's database.</summary>
    public async Task<ExchangeOperations.ExchangeOperationsClient> OperationsAsync()
    {
        AdminA ??= await RunningHost.StartAsync(AdminHost.Build, DatabaseA, Keys.Unique());
        return new ExchangeOperations.ExchangeOperationsClient(AdminA.CallInvokerFor(_operatorTokenA));
    }

    private async Task SeedProvidersAsync()
    {
        await TestCredentials.MigrateAsync(DatabaseA);
        await TestCredentials.MigrateAsync(DatabaseB);
        await SeedA.ProviderAsync(ProviderA, "hosted", "http://127.0.0.1:9");
        await SeedA.ProviderAsync(ProviderB, "interoperability", AddressB);
        await SeedB.ProviderAsync(ProviderB, "hosted", AddressB);
        await SeedB.ProviderAsync(ProviderA, "interoperability", "https://127.0.0.1:9", IdentityA.Certificate.RawData);
        await SeedA.ProviderAsync(ProviderC, "interoperability", "https://127.0.0.1:9");
        await SeedB.ProviderAsync(ProviderC, "interoperability", "https://127.0.0.1:9");
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (AdminA is not null)
            await AdminA.DisposeAsync();
        await StopBAsync();
        await A.DisposeAsync();
        IdentityA.Dispose();
        Tls.Dispose();
        await DatabaseA.DisposeAsync();
        await DatabaseB.DisposeAsync();
    }
}
