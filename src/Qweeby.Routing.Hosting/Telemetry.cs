using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Qweeby.Routing.Hosting.Options;

namespace Qweeby.Routing.Hosting;

/// <summary>Traces and metrics for gRPC (server and client), Npgsql and Redis; OTLP when configured.</summary>
public static class Telemetry
{
    /// <summary>The source and meter of Qweeby's own spans and instruments.</summary>
    public const string SourceName = "Qweeby.Routing";

    public static readonly ActivitySource Source = new(SourceName);
    public static readonly Meter Meter = new(SourceName);

    public static WebApplicationBuilder AddQweebyTelemetry(this WebApplicationBuilder builder, string serviceName)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        var otlp = builder.Configuration[$"{TelemetryOptions.Section}:OtlpEndpoint"];
        var exportOtlp = Uri.TryCreate(otlp, UriKind.Absolute, out var otlpUri);

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(SourceName)
                    .AddAspNetCoreInstrumentation(o => o.RecordException = true)
                    .AddGrpcClientInstrumentation()
                    .AddNpgsql()
                    .AddRedisInstrumentation();
                if (exportOtlp)
                    tracing.AddOtlpExporter(o => ConfigureOtlp(o, otlpUri!));
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(SourceName)
                    .AddAspNetCoreInstrumentation()
                    .AddNpgsqlInstrumentation();
                if (exportOtlp)
                    metrics.AddOtlpExporter(o => ConfigureOtlp(o, otlpUri!));
            });
        return builder;
    }

    private static void ConfigureOtlp(OtlpExporterOptions options, Uri endpoint)
    {
        options.Endpoint = endpoint;
        options.Protocol = OtlpExportProtocol.Grpc;
    }
}
