namespace Qweeby.Routing.Cli;

/// <summary>
/// A command's <c>--name value</c> options (repeatable) and <c>--flag</c> switches, checked against
/// what the command accepts, so a typo is a usage error rather than a silently ignored option.
/// </summary>
internal sealed class CliOptions
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private CliOptions()
    {
    }

    /// <param name="positionals">Where arguments that are not options go; null: they are refused.</param>
    public static CliOptions? Parse(string[] args, IReadOnlySet<string> valued, IReadOnlySet<string> flags, out string? problem, List<string>? positionals = null)
    {
        var options = new CliOptions();
        problem = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (flags.Contains(name))
                options._flags.Add(name);
            else if (valued.Contains(name))
            {
                if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    problem = $"{name} needs a value.";
                    return null;
                }
                if (!options._values.TryGetValue(name, out var list))
                    options._values[name] = list = [];
                list.Add(args[++i]);
            }
            else if (positionals is not null && !name.StartsWith("--", StringComparison.Ordinal))
                positionals.Add(name);
            else
            {
                problem = $"Unknown option '{name}'.";
                return null;
            }
        }
        return options;
    }

    public bool Has(string flag) => _flags.Contains(flag);

    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var list) ? list : [];

    public string? One(string name) => _values.TryGetValue(name, out var list) ? list[^1] : null;

    /// <summary><c>--postgres</c>, else <c>ConnectionStrings__Postgres</c>, else the local development database.</summary>
    public string PostgresConnectionString() =>
        One("--postgres")
        ?? Environment.GetEnvironmentVariable("ConnectionStrings__Postgres")
        ?? "Host=127.0.0.1;Port=5433;Database=qweeby;Username=qweeby;Password=qweeby";
}
