using Microsoft.Extensions.Options;

namespace Qweeby.Routing.Hosting.Options;

public sealed class LimitsOptionsValidator : IValidateOptions<LimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, LimitsOptions options)
    {
        var failures = new List<string>();
        Check(failures, nameof(options.MaxReceiveMessageBytes), options.MaxReceiveMessageBytes, 1024, 256 * 1024 * 1024);
        Check(failures, nameof(options.MaxPageSize), options.MaxPageSize, 1, 10_000);
        Check(failures, nameof(options.MaxBatchSize), options.MaxBatchSize, 1, 100_000);
        Check(failures, nameof(options.RequestsPerSecond), options.RequestsPerSecond, 1, 1_000_000);
        Check(failures, nameof(options.Burst), options.Burst, 1, 10_000_000);
        Check(failures, nameof(options.MaxUnaryCallSeconds), options.MaxUnaryCallSeconds, 1, 3600);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string setting, int value, int min, int max)
    {
        if (value < min || value > max)
            failures.Add($"{LimitsOptions.Section}:{setting} is {value}: use a whole number from {min} to {max}.");
    }
}
