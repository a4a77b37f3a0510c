using Qweeby.Routing.Admin.Grpc;
using Qweeby.Routing.Data.Admin;

namespace Qweeby.Routing.Admin;

public static class AdminRegistration
{
    /// <summary>The admin services' stores (all writes through DirectoryWrite, audited) and request helpers.</summary>
    public static WebApplicationBuilder AddDirectoryAdministration(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<AdminWrites>();
        services.AddSingleton<EntityLookup>();
        services.AddSingleton<EntityResolver>();
        services.AddSingleton<SettingsStore>();
        services.AddSingleton<SupplierDirectoryStore>();
        services.AddSingleton<CustomerDirectoryStore>();
        services.AddSingleton<CustomerEntryReader>();
        services.AddSingleton<ConsentStore>();
        services.AddSingleton<ActivationStore>();
        services.AddSingleton<EntityStore>();
        services.AddSingleton<EntityReader>();
        services.AddSingleton<ProviderStore>();
        services.AddSingleton<AuditStore>();
        services.AddSingleton<EntityImport>();
        return builder;
    }

    public static WebApplication MapDirectoryAdministration(this WebApplication app)
    {
        app.MapGrpcService<DirectoryAdminService>();
        app.MapGrpcService<EntitiesService>();
        app.MapGrpcService<ServiceProvidersService>();
        app.MapGrpcService<DirectoryImportService>();
        app.MapGrpcService<AuditService>();
        return app;
    }
}
