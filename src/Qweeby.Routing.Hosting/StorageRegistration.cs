using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Qweeby.Routing.Data.Postgres;
using Qweeby.Routing.Hosting.Options;
using StackExchange.Redis;

namespace Qweeby.Routing.Hosting;

public static class StorageRegistration
{
    /// <summary>
    /// One <see cref="NpgsqlDataSource"/> and one <see cref="IConnectionMultiplexer"/> per host, both built
    /// lazily from validated options, and the migrations applied before the endpoint opens.
    /// </summary>
    public static WebApplicationBuilder AddDirectoryStorage(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var dataSource = new NpgsqlDataSourceBuilder(WithPoolDefaults(options.Postgres!));
            dataSource.ConfigureTracing(t => t.EnableFirstResponseEvent(false));
            return dataSource.Build();
        });

        services.AddSingleton<IConnectionMultiplexer>(sp =>
        {
            var config = ConfigurationOptions.Parse(sp.GetRequiredService<IOptions<StorageOptions>>().Value.Redis!);
            // Start and keep running while Redis is away: resolution degrades to Postgres.
            config.AbortOnConnectFail = false;
            config.ConnectTimeout = 2_000;
            return ConnectionMultiplexer.Connect(config);
        });

        services.AddSingleton<MigrationRunner>();
        if (builder.Configuration.GetValue("Database:MigrateOnStart", true))
            services.AddHostedService<MigrateOnStart>();
        return builder;
    }

    /// <summary>
    /// The connection string with the hosts' pool settings, each unless it sets that one itself:
    /// <list type="bullet">
    /// <item>Npgsql's auto-prepare: statements a connection runs again and again (the exchange's multi-table ones above all)
    /// are parsed and planned once per connection, not per call (<c>Max Auto Prepare=0</c> turns it off);</item>
    /// <item>no reset when a connection goes back to the pool (<c>No Reset On Close=false</c> restores it): the reset is
    /// seven statements each time, and nothing here leaves session state behind (temporary tables are ON COMMIT DROP,
    /// advisory locks are the transaction's but the migration lock, which a finally releases; settings only for a transaction,
    /// as stream reads' <c>set_config(..., true)</c>; no SET, LISTEN or cursor).</item>
    /// </list>
    /// </summary>
    public static string WithPoolDefaults(string connectionString)
    {
        // The keys as written, in any of the spellings Npgsql accepts ("Max Auto Prepare", "MaxAutoPrepare", any case).
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>().Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()).ToHashSet();
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains("maxautoprepare"))
        {
            builder.MaxAutoPrepare = 64;
            if (!given.Contains("autoprepareminusages"))
                builder.AutoPrepareMinUsages = 2;
        }
        if (!given.Contains("noresetonclose"))
            builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }
}
