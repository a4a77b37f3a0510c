using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.IntegrationTests.Exchange;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Resilience;

/// <summary>
/// Partner C accepts connections and never answers (hung, or a load balancer that black-holes), B is healthy: invoices
/// for C must not make deliveries to B wait for C's send timeout.
/// </summary>
public sealed class HungPartnerTests : IAsyncDisposable
{
    private readonly TcpListener _hung = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _held = [];
    private readonly CancellationTokenSource _stop = new();
    private ExchangePeers? _peers;

    [Fact]
    public async Task Invoices_for_a_hung_partner_do_not_make_a_healthy_partners_wait_for_their_timeout()
    {
        _hung.Start();
        _ = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
                _held.Add(await _hung.AcceptTcpClientAsync(_stop.Token));
        });
        // Scaled down: 2 workers, batches of 2, a 15 s send timeout (the defaults: 4, 64, 30 s), far above what a loaded
        // test machine adds to the second a batch holds its place.
        var peers = _peers = await ExchangePeers.StartAsync(["--Exchange:BatchSize=2", "--Exchange:SendTimeout=00:00:15", "--Exchange:LeaseDuration=00:00:40"]);
        await peers.SeedA.ExecAsync("UPDATE service_provider SET endpoint = $1 WHERE provider_id = $2",
            $"https://127.0.0.1:{((IPEndPoint)_hung.LocalEndpoint).Port}", ExchangePeers.ProviderC);
        var pair = await peers.PairAsync();
        var customerOfC = TestIds.Siret(TestIds.Siren());
        await peers.SeedA.CompanyAsync("Customer of C", customerOfC, ExchangePeers.ProviderC);
        var warm = await peers.ClientA.SubmitAsync(Invoices.Submit(pair.Sender, pair.Recipient));
        await peers.ClientA.StatusAsync(warm.TransmissionId, TransmissionStatus.Delivered);

        for (var i = 0; i < 12; i++)
            await peers.ClientA.SubmitAsync(Invoices.Submit(pair.Sender, customerOfC));
        var watch = Stopwatch.StartNew();
        var toB = await peers.ClientA.SubmitAsync(Invoices.Submit(pair.Sender, pair.Recipient));
        await peers.ClientA.StatusAsync(toB.TransmissionId, TransmissionStatus.Delivered, TimeSpan.FromSeconds(60));
        var waited = watch.Elapsed;

        // Before batches gave their place back, B's invoice waited behind rounds of C's timeouts (15.1 s with 5 s ones);
        // sharing a batch with one of C's invoices, it waited for that one's timeout until answered sends were recorded at once.
        Assert.True(waited < TimeSpan.FromSeconds(8), $"delivery to B took {waited.TotalMilliseconds:0} ms behind the hung partner's invoices");
        Assert.True(_held.Count > 0, "C was never even connected to");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_peers is not null)
            await _peers.DisposeAsync();
        _hung.Stop();
        _held.ForEach(c => c.Dispose());
        _stop.Dispose();
    }
}
