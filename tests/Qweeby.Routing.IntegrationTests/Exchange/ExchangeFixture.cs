namespace Qweeby.Routing.IntegrationTests.Exchange;

/// <summary>Access points A and B for a test class; every test makes its own trading pair.</summary>
public sealed class ExchangeFixture : IAsyncLifetime
{
    public ExchangePeers Peers { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Peers = await ExchangePeers.StartAsync();

    public async ValueTask DisposeAsync() => await Peers.DisposeAsync();
}
