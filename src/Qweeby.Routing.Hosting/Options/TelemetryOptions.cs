namespace Qweeby.Routing.Hosting.Options;

/// <summary>The <c>Telemetry</c> section.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>OTLP endpoint (gRPC), e.g. <c>http://127.0.0.1:4317</c>. Empty: no export.</summary>
    public string? OtlpEndpoint { get; set; }
}
