using Npgsql;
using Qweeby.Routing.Hosting;

namespace Qweeby.Routing.IntegrationTests.Foundation;

/// <summary>The hosts' Npgsql pool settings: on by default, and whatever the connection string says itself wins.</summary>
public sealed class PoolDefaultsTests
{
    [Fact]
    public void A_plain_connection_string_gets_auto_prepare_and_no_reset_on_close()
    {
        var settings = new NpgsqlConnectionStringBuilder(StorageRegistration.WithPoolDefaults("Host=db;Database=routing;Username=q"));

        Assert.Equal((64, 2, true), (settings.MaxAutoPrepare, settings.AutoPrepareMinUsages, settings.NoResetOnClose));
        Assert.Equal(("db", "routing", "q"), (settings.Host, settings.Database, settings.Username));
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0, true)]
    [InlineData("Host=db;No Reset On Close=false", 64, false)]
    [InlineData("Host=db;max auto prepare=8;no reset on close=False", 8, false)]
    [InlineData("Host=db;MaxAutoPrepare=0;NoResetOnClose=false", 0, false)]
    public void Settings_the_connection_string_gives_itself_are_kept(string connectionString, int maxAutoPrepare, bool noResetOnClose)
    {
        var settings = new NpgsqlConnectionStringBuilder(StorageRegistration.WithPoolDefaults(connectionString));

        Assert.Equal((maxAutoPrepare, noResetOnClose), (settings.MaxAutoPrepare, settings.NoResetOnClose));
    }
}
