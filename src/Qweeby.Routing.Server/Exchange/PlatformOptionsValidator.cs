using Microsoft.Extensions.Options;

namespace Qweeby.Routing.Server.Exchange;

public sealed class PlatformOptionsValidator : IValidateOptions<PlatformOptions>
{
    public ValidateOptionsResult Validate(string? name, PlatformOptions options) =>
        string.IsNullOrWhiteSpace(options.ProviderId) || options.ProviderId.Length > 100 || options.ProviderId.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))
            ? ValidateOptionsResult.Fail($"{PlatformOptions.Section}:ProviderId '{options.ProviderId}' is not a provider id: set it to this platform's service_provider id, such as 'qweeby'.")
            : ValidateOptionsResult.Success;
}
