using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace Qweeby.Routing.Hosting.Options;

/// <summary>Refuses to start with a missing or unparsable connection string, naming the setting.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        if (PostgresProblem(options.Postgres) is { } pg)
            failures.Add($"{StorageOptions.Section}:Postgres {pg}");
        if (RedisProblem(options.Redis) is { } redis)
            failures.Add($"{StorageOptions.Section}:Redis {redis}");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string? PostgresProblem(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return "is missing: set it to an Npgsql connection string such as 'Host=127.0.0.1;Port=5433;Database=qweeby;Username=qweeby'.";
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(value);
            return string.IsNullOrWhiteSpace(builder.Host) ? "has no Host: add 'Host=<server>'." : null;
        }
        catch (ArgumentException e)
        {
            return $"is malformed ({e.Message}): use 'Key=value;Key=value' pairs such as 'Host=127.0.0.1;Database=qweeby'.";
        }
    }

    private static string? RedisProblem(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return "is missing: set it to a StackExchange.Redis configuration such as '127.0.0.1:6380'.";
        try
        {
            var parsed = ConfigurationOptions.Parse(value);
            if (parsed.EndPoints.Count == 0)
                return "names no endpoint: use 'host:port'.";
            var least = (int)Data.Cache.CacheOptions.MinRedisCallTimeout.TotalMilliseconds;
            return parsed.AsyncTimeout < least
                ? $"sets asyncTimeout={parsed.AsyncTimeout}: at least {least} ms (a host takes up to 3.5 s to notice a hung Redis, and a write's invalidation must wait longer than that)."
                : null;
        }
        catch (ArgumentException e)
        {
            return $"is malformed ({e.Message}): use 'host:port[,option=value]'.";
        }
    }
}
