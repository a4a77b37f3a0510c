using Microsoft.Extensions.Options;

namespace Qweeby.Routing.Hosting.Options;

public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options) =>
        string.IsNullOrWhiteSpace(options.OtlpEndpoint) || Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{TelemetryOptions.Section}:OtlpEndpoint '{options.OtlpEndpoint}' is not an absolute URL: use 'http://collector:4317' or leave it empty.");
}
