using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Qweeby.Routing.Data.Cache;

namespace Qweeby.Routing.Hosting;

public static class CacheRegistration
{
    /// <summary>
    /// The directory cache (<see cref="IDirectoryCache"/>, subscribed to invalidations when the host starts),
    /// <see cref="DirectoryWrite"/> for writers, and the relay of pending invalidations. Needs
    /// <see cref="StorageRegistration.AddDirectoryStorage"/> first (its migrations create the log's table).
    /// </summary>
    public static WebApplicationBuilder AddDirectoryCache(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CacheOptions>().BindConfiguration(CacheOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CacheOptions>, CacheOptionsValidator>();
        services.AddOptions<CacheJsonOptions>();

        services.AddSingleton<CacheInvalidationLog>();
        services.AddSingleton<DirectoryCache>();
        services.AddSingleton<IDirectoryCache>(sp => sp.GetRequiredService<DirectoryCache>());
        services.AddHostedService(sp => sp.GetRequiredService<DirectoryCache>());
        services.AddHostedService<CacheInvalidationRelay>();
        services.AddSingleton<DirectoryWrite>();
        return builder;
    }
}
