using Microsoft.Extensions.Options;

namespace Qweeby.Routing.Hosting.Options;

public sealed class EndpointOptionsValidator : IValidateOptions<EndpointOptions>
{
    public ValidateOptionsResult Validate(string? name, EndpointOptions options)
    {
        const string setting = $"{EndpointOptions.Section}:Url";
        if (string.IsNullOrWhiteSpace(options.Url))
            return ValidateOptionsResult.Fail($"{setting} is missing: set it to the address to listen on, such as 'http://127.0.0.1:5080'.");
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || uri.AbsolutePath != "/"
            || !options.Url.Contains(':', StringComparison.Ordinal)
            || uri.IsDefaultPort && !HasExplicitPort(options.Url))
            return ValidateOptionsResult.Fail($"{setting} '{options.Url}' is malformed: use 'http://host:port' or 'https://host:port' with an explicit port.");
        return ValidateOptionsResult.Success;
    }

    private static bool HasExplicitPort(string url) =>
        url.AsSpan(url.IndexOf("//", StringComparison.Ordinal) + 2).Contains(':');
}
