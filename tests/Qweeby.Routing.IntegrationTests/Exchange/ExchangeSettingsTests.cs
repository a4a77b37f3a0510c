using Microsoft.Extensions.Options;
using Qweeby.Routing.IntegrationTests.Infrastructure;
using Qweeby.Routing.Server;

namespace Qweeby.Routing.IntegrationTests.Exchange;

/// <summary>Exchange settings that cannot work stop the routing host at start, naming the setting.</summary>
public sealed class ExchangeSettingsTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Theory]
    [InlineData("--Exchange:MaxDocumentBytes=0", "Exchange:MaxDocumentBytes 0 is out of range")]
    [InlineData("--Exchange:MaxClaimBytes=0", "Exchange:MaxClaimBytes 0 is out of range")]
    [InlineData("--Exchange:LeaseDuration=00:00:10", "Exchange:LeaseDuration 00:00:10 must be longer than Exchange:SendTimeout 00:00:30")]
    [InlineData("--Exchange:RetryMaxDelay=00:00:01", "Exchange:RetryMaxDelay 00:00:01 is shorter than Exchange:RetryInitialDelay")]
    [InlineData("--Exchange:SweepInterval=00:00:00", "Exchange:SweepInterval 00:00:00 must be positive")]
    [InlineData("--Exchange:ClientCertificatePath=/nonexistent/client.pem", "Exchange:ClientCertificatePath '/nonexistent/client.pem' does not exist")]
    [InlineData("--Platform:ProviderId= ", "Platform:ProviderId ' ' is not a provider id")]
    public async Task A_misconfigured_exchange_stops_the_host_naming_the_setting(string badSetting, string expected)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var host = await RunningHost.StartAsync(RoutingHost.Build, _database, Keys.Unique(), [badSetting]);
        });

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }
}
