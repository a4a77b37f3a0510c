using Microsoft.Extensions.Options;

namespace Qweeby.Routing.Data.Cache;

/// <summary>Refuses to start with an unusable cache setting, naming it.</summary>
public sealed class CacheOptionsValidator : IValidateOptions<CacheOptions>
{
    public ValidateOptionsResult Validate(string? name, CacheOptions options)
    {
        var failures = new List<string>();
        if (PrefixProblem(options.KeyPrefix) is { } prefix)
            failures.Add($"{CacheOptions.Section}:KeyPrefix {prefix}");
        CheckDuration(failures, nameof(CacheOptions.L1Ttl), options.L1Ttl);
        CheckDuration(failures, nameof(CacheOptions.ProvidersL1Ttl), options.ProvidersL1Ttl);
        CheckDuration(failures, nameof(CacheOptions.L2Ttl), options.L2Ttl);
        CheckDuration(failures, nameof(CacheOptions.MissTtl), options.MissTtl);
        CheckDuration(failures, nameof(CacheOptions.RelayAfter), options.RelayAfter);
        if (options.L1MaxEntries < 1)
            failures.Add($"{CacheOptions.Section}:L1MaxEntries '{options.L1MaxEntries}' must be at least 1, such as '200000'.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string? PrefixProblem(string? prefix)
    {
        if (string.IsNullOrEmpty(prefix))
            return "is missing: set it to a short name such as 'qr'.";
        // ':' separates the prefix from key names; braces would make a Redis Cluster hash tag.
        if (prefix.Length > 64 || !prefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            return $"'{prefix}' is malformed: use up to 64 letters, digits, '-', '_' or '.'.";
        return null;
    }

    private static void CheckDuration(List<string> failures, string setting, TimeSpan value)
    {
        // Redis expiries are whole milliseconds.
        if (value < TimeSpan.FromMilliseconds(1))
            failures.Add($"{CacheOptions.Section}:{setting} '{value}' must be positive, such as '00:00:30'.");
    }
}
