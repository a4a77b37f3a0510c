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
            var dataSource = new NpgsqlDataSourceBuilder(WithAutoPrepare(options.Postgres!));
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
    /// The connection string with Npgsql's auto-prepare on unless it sets it: statements a connection runs again
    /// and again (the exchange's multi-table ones above all) are parsed and planned once per connection, not per call.
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        if (connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
            return connectionString;
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.MaxAutoPrepare = 64;
        builder.AutoPrepareMinUsages = 2;
        return builder.ConnectionString;
    }
}
