using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Qweeby.Routing.Data.Security;
using Qweeby.Routing.Hosting.Options;

namespace Qweeby.Routing.Hosting.Security;

/// <summary>Authentication (API keys, partner certificates), authorization policies, rate limits, message size and the audit of refusals.</summary>
public static class SecurityRegistration
{
    public static WebApplicationBuilder AddQweebySecurity(this WebApplicationBuilder builder, string serviceName)
    {
        var services = builder.Services;
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>();
        services.AddOptions<LimitsOptions>().BindConfiguration(LimitsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LimitsOptions>, LimitsOptionsValidator>();

        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<ServiceProviderCredentialStore>();
        services.AddSingleton<SecurityEventStore>();
        services.AddSingleton<ClientCertificateTrust>();
        services.AddSingleton<CredentialVerifier>();
        services.AddSingleton(sp => new SecurityAudit(serviceName,
            sp.GetRequiredService<IOptions<SecurityOptions>>().Value.AuditQueueCapacity, sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<SecurityAuditWriter>();

        services.AddAuthentication(SecuritySchemes.Default)
            .AddPolicyScheme(SecuritySchemes.Default, "API key or client certificate", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.Count == 0 && context.Connection.ClientCertificate is not null
                    ? SecuritySchemes.ClientCertificate
                    : SecuritySchemes.ApiKey)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(SecuritySchemes.ApiKey, null)
            .AddScheme<AuthenticationSchemeOptions, ClientCertificateAuthenticationHandler>(SecuritySchemes.ClientCertificate, null);
        // RoleRequirement is its own handler (ASP.NET's pass-through handler runs it).
        services.AddAuthorization(Policies.Configure);
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, GrpcAuthorizationResultHandler>();
        services.AddCallerRateLimiting();
        services.AddOptions<GrpcServiceOptions>().Configure<IOptions<LimitsOptions>>((grpc, limits) =>
            grpc.MaxReceiveMessageSize = limits.Value.MaxReceiveMessageBytes);
        return builder;
    }

    /// <summary>Authentication, then the rate limit (so it knows the caller), then authorization. Before any endpoint is mapped.</summary>
    public static WebApplication UseQweebySecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }
}
