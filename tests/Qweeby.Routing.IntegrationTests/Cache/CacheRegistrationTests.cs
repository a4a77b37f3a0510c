using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Qweeby.Routing.Data.Cache;
using Qweeby.Routing.IntegrationTests.Infrastructure;
using Qweeby.Routing.Server;

namespace Qweeby.Routing.IntegrationTests.Cache;

public sealed class CacheRegistrationTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_host_caches_directory_reads_and_its_writes_invalidate_them()
    {
        await using var routing = await RunningHost.StartAsync(RoutingHost.Build, _database, Keys.Unique());
        var facts = await FactTable.CreateAsync(_database.DataSource);
        var cache = routing.Services.GetRequiredService<IDirectoryCache>();
        var writes = routing.Services.GetRequiredService<DirectoryWrite>();
        var key = CacheKeys.Entity(Guid.NewGuid());
        await facts.InsertAsync(key, "before");

        var directoryCache = routing.Services.GetRequiredService<DirectoryCache>();
        Assert.True(directoryCache.UsesRedis);
        Assert.Equal(new Fact("before"), await cache.GetOrLoadAsync<Fact>(key, c => facts.LoadAsync(key, c), Ct));
        await writes.RunAsync((tx, c) => FactTable.UpdateAsync(tx, key, "after", c), Ct);
        Assert.Equal(new Fact("after"), await cache.GetOrLoadAsync<Fact>(key, c => facts.LoadAsync(key, c), Ct));
        // A load's answer comes before its store; the write's own invalidation, echoed back by Redis, may also refuse
        // that load's L1 copy, and a read before the store is done would then load again.
        await directoryCache.StoresSettledAsync();
        Assert.Equal(new Fact("after"), await cache.GetOrLoadAsync<Fact>(key, c => facts.LoadAsync(key, c), Ct));
        Assert.Equal(2, facts.LoadCount);
    }

    [Theory]
    [InlineData("--Cache:KeyPrefix=", "Cache:KeyPrefix is missing")]
    [InlineData("--Cache:KeyPrefix=qr:v2", "Cache:KeyPrefix 'qr:v2' is malformed")]
    [InlineData("--Cache:L1Ttl=00:00:00", "Cache:L1Ttl '00:00:00' must be positive")]
    [InlineData("--Cache:MissTtl=-00:00:01", "Cache:MissTtl '-00:00:01' must be positive")]
    [InlineData("--Cache:L1MaxEntries=0", "Cache:L1MaxEntries '0' must be at least 1")]
    public async Task A_host_with_a_bad_cache_setting_stops_at_start_naming_it(string badSetting, string expectedMessage)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var host = await RunningHost.StartAsync(RoutingHost.Build, _database, Keys.Unique(), [badSetting]);
        });

        Assert.Contains(expectedMessage, failure.Message, StringComparison.Ordinal);
    }
}
