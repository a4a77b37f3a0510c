using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Qweeby.Routing.Hosting.Grpc;
using Qweeby.Routing.Hosting.Options;
using Qweeby.Routing.Hosting.Security;

namespace Qweeby.Routing.Hosting;

/// <summary>What every Qweeby host shares: endpoint, telemetry, storage, security, gRPC with health, reflection and WhoAmI.</summary>
public static class HostDefaults
{
    public static WebApplicationBuilder AddQweebyDefaults(this WebApplicationBuilder builder, string serviceName)
    {
        builder.Services.AddOptions<EndpointOptions>().BindConfiguration(EndpointOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<EndpointOptions>, EndpointOptionsValidator>();
        builder.Services.AddSingleton<IConfigureOptions<KestrelServerOptions>, KestrelFromEndpointOptions>();
        builder.Services.AddSingleton(TimeProvider.System);

        builder.AddQweebyTelemetry(serviceName);
        builder.AddDirectoryStorage();
        builder.AddDirectoryCache();
        builder.AddQweebySecurity(serviceName);

        builder.Services.AddGrpc(o =>
        {
            o.EnableDetailedErrors = false;
            o.Interceptors.Add<UnaryCallDeadline>();
            o.Interceptors.Add<StoreUnavailable>();
        });
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgres")
            .AddCheck<RedisHealthCheck>("redis");
        return builder;
    }

    public static WebApplication MapQweebyDefaults(this WebApplication app)
    {
        app.UseQweebySecurity();
        // After authorization (strangers learn nothing about their bodies), before the endpoint deserializes.
        app.UseMiddleware<Utf8RequestValidation>();
        // Health answers anyone (load balancers, probes); everything else needs credentials.
        app.MapGrpcHealthChecksService().AllowAnonymous();
        app.MapGrpcReflectionService();
        app.MapGrpcService<IdentityService>();
        return app;
    }

    /// <summary>The address Kestrel actually bound (useful with port 0).</summary>
    public static Uri BoundAddress(this WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    private sealed class KestrelFromEndpointOptions(IOptions<EndpointOptions> endpoint) : IConfigureOptions<KestrelServerOptions>
    {
        public void Configure(KestrelServerOptions options)
        {
            var uri = new Uri(endpoint.Value.Url!);
            var address = uri.Host is "localhost" ? IPAddress.Loopback
                : uri.Host is "*" or "+" or "0.0.0.0" ? IPAddress.Any
                : IPAddress.Parse(uri.Host);
            options.Listen(address, uri.Port, listen =>
            {
                listen.Protocols = uri.Scheme == "https" ? HttpProtocols.Http1AndHttp2 : HttpProtocols.Http2;
                if (uri.Scheme == "https")
                    listen.UseHttps(EndpointTls.HttpsOptions(endpoint.Value));
            });
        }
    }
}
