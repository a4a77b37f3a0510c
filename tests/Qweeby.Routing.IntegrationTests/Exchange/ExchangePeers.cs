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
/// Two access points running this service, each with its own database: A (where suppliers submit) and B
/// (where their customers are hosted), both https on fixed ports and asking partners for certificates:
/// invoices go from A to B, lifecycle statuses both ways. Each directory knows the other access point
/// at its address and by its client certificate. Either can be stopped and started again on the same
/// address and database. Retries and polls are fast.
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
        "--Exchange:SweepInterval=00:00:00.500",
        "--Exchange:RetryInitialDelay=00:00:00.100",
        "--Exchange:RetryMaxDelay=00:00:00.300",
        "--Exchange:SendTimeout=00:00:05",
        "--Exchange:LeaseDuration=00:00:10",
        "--Exchange:Workers=2",
    ];

    private readonly string[] _argsA;
    private readonly string[] _argsB;
    private readonly int _portA = StablePort.Next();
    private readonly int _portB = StablePort.Next();

    private ExchangePeers(string[] argsA, string[] argsB, TestDatabase a, TestDatabase b)
    {
        _argsA = argsA;
        _argsB = argsB;
        DatabaseA = a;
        DatabaseB = b;
        SeedA = new ExchangeSeeder(a.DataSource);
        SeedB = new ExchangeSeeder(b.DataSource);
        Tls = TestTls.Create();
        IdentityA = new PeerIdentity(Tls, ProviderA);
        IdentityB = new PeerIdentity(Tls, ProviderB);
    }

    public TestDatabase DatabaseA { get; }
    public TestDatabase DatabaseB { get; }
    public ExchangeSeeder SeedA { get; }
    public ExchangeSeeder SeedB { get; }
    public TestTls Tls { get; }
    public PeerIdentity IdentityA { get; }
    public PeerIdentity IdentityB { get; }
    public string AddressA => $"https://127.0.0.1:{_portA}";
    public string AddressB => $"https://127.0.0.1:{_portB}";

    public RunningHost A { get; private set; } = null!;
    public RunningHost? B { get; private set; }
    public RunningHost? AdminA { get; private set; }
    public RunningHost? AdminB { get; private set; }

    /// <summary>An internal service of A submitting for every entity (and reading their transmissions).</summary>
    public ExchangeClient ClientA { get; private set; } = null!;

    /// <summary>An internal service of B taking hosted recipients' invoices from their inboxes.</summary>
    public ExchangeClient InboxClientB => new(B!.CallInvokerFor(_inboxTokenB));

    /// <summary>B called as partner A would (A's client certificate).</summary>
    public ExchangeClient AsPartnerOfB => new(B!.ChannelWith(IdentityA.Certificate));

    /// <summary>A called as partner B would (B's client certificate).</summary>
    public ExchangeClient AsPartnerOfA => new(A.ChannelWith(IdentityB.Certificate));

    private bool _aStopped;
    private string _submitTokenA = "";
    private string _operatorTokenA = "";
    private string _operatorTokenB = "";
    private string _inboxTokenB = "";

    /// <param name="argsA">Settings for A on top of <see cref="FastForwarding"/>; <paramref name="argsB"/> for B.</param>
    public static async Task<ExchangePeers> StartAsync(IEnumerable<string>? argsA = null, bool startB = true, Action<WebApplicationBuilder>? configureB = null,
        IEnumerable<string>? argsB = null)
    {
        var peers = new ExchangePeers([.. argsA ?? []], [.. argsB ?? []], await TestDatabase.CreateAsync(), await TestDatabase.CreateAsync());
        await peers.SeedProvidersAsync();
        peers._submitTokenA = await TestCredentials.IssueAsync(peers.DatabaseA, [Role.Submit]);
        peers._operatorTokenA = await TestCredentials.IssueAsync(peers.DatabaseA, [Role.Operator]);
        peers._inboxTokenB = await TestCredentials.IssueAsync(peers.DatabaseB, [Role.Submit]);
        peers._operatorTokenB = await TestCredentials.IssueAsync(peers.DatabaseB, [Role.Operator]);
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

    /// <param name="args">Settings for this start only, over those A was created with.</param>
    public async Task StartAAsync(Action<WebApplicationBuilder>? configure = null, IEnumerable<string>? args = null)
    {
        A = await RunningHost.StartAsync(RoutingHost.Build, DatabaseA, Keys.Unique(),
            [$"--Platform:ProviderId={ProviderA}", .. FastForwarding, .. IdentityA.Args(), $"--Endpoint:Url={AddressA}", .. _argsA, .. args ?? []],
            configure, Tls);
        ClientA = new ExchangeClient(A.CallInvokerFor(_submitTokenA));
        _aStopped = false;
    }

    /// <summary>A second routing host of access point A on A's database, on a port of its own: it claims from the same outbox. The caller disposes it.</summary>
    public Task<RunningHost> StartAnotherAAsync(IEnumerable<string>? args = null) =>
        RunningHost.StartAsync(RoutingHost.Build, DatabaseA, Keys.Unique(),
            [$"--Platform:ProviderId={ProviderA}", .. FastForwarding, .. IdentityA.Args(), $"--Endpoint:Url=https://127.0.0.1:{StablePort.Next()}", .. _argsA,
             .. args ?? []],
            null, Tls);

    public async Task StopAAsync()
    {
        await A.DisposeAsync();
        _aStopped = true;
    }

    public async Task StartBAsync(Action<WebApplicationBuilder>? configure = null) =>
        B = await RunningHost.StartAsync(RoutingHost.Build, DatabaseB, Keys.Unique(),
            [$"--Platform:ProviderId={ProviderB}", .. FastForwarding, .. IdentityB.Args(), $"--Endpoint:Url={AddressB}", .. _argsB], configure, Tls);

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

    /// <summary>Operators' admin host on B's database.</summary>
    public async Task<ExchangeOperations.ExchangeOperationsClient> OperationsOfBAsync()
    {
        AdminB ??= await RunningHost.StartAsync(AdminHost.Build, DatabaseB, Keys.Unique());
        return new ExchangeOperations.ExchangeOperationsClient(AdminB.CallInvokerFor(_operatorTokenB));
    }

    private async Task SeedProvidersAsync()
    {
        await TestCredentials.MigrateAsync(DatabaseA);
        await TestCredentials.MigrateAsync(DatabaseB);
        await SeedA.ProviderAsync(ProviderA, "hosted", "http://127.0.0.1:9");
        await SeedA.ProviderAsync(ProviderB, "interoperability", AddressB, IdentityB.Certificate.RawData);
        await SeedB.ProviderAsync(ProviderB, "hosted", AddressB);
        await SeedB.ProviderAsync(ProviderA, "interoperability", AddressA, IdentityA.Certificate.RawData);
        await SeedA.ProviderAsync(ProviderC, "interoperability", "https://127.0.0.1:9");
        await SeedB.ProviderAsync(ProviderC, "interoperability", "https://127.0.0.1:9");
    }

    public async ValueTask DisposeAsync()
    {
        if (AdminA is not null)
            await AdminA.DisposeAsync();
        if (AdminB is not null)
            await AdminB.DisposeAsync();
        await StopBAsync();
        if (!_aStopped)
            await A.DisposeAsync();
        IdentityA.Dispose();
        IdentityB.Dispose();
        Tls.Dispose();
        await DatabaseA.DisposeAsync();
        await DatabaseB.DisposeAsync();
    }
}
