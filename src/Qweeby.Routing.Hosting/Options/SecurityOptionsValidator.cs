using Microsoft.Extensions.Options;

namespace Qweeby.Routing.Hosting.Options;

public sealed class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var failures = new List<string>();
        if (!(options.CredentialCacheSeconds is >= 0 and <= 300))
            failures.Add($"{SecurityOptions.Section}:CredentialCacheSeconds is {options.CredentialCacheSeconds}: use 0 to 300 seconds (it bounds how late a revocation takes effect).");
        if (options.AuditQueueCapacity is < 1 or > 1_000_000)
            failures.Add($"{SecurityOptions.Section}:AuditQueueCapacity is {options.AuditQueueCapacity}: use 1 to 1000000.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
