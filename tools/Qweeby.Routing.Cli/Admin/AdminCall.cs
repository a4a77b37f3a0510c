using Grpc.Core;

namespace Qweeby.Routing.Cli.Admin;

/// <summary>What a command runs with: its arguments and options, the admin host's call invoker, where to report progress.</summary>
internal sealed class AdminCall(IReadOnlyList<string> arguments, CliOptions options, CallInvoker invoker, TextWriter error, Func<DateTime> deadline)
{
    public IReadOnlyList<string> Arguments { get; } = arguments;

    public CliOptions Options { get; } = options;

    public CallInvoker Invoker { get; } = invoker;

    /// <summary>Progress and notes for people (stderr): never mixed with the reply.</summary>
    public TextWriter Error { get; } = error;

    /// <summary>The deadline of one call (--timeout seconds, 30 by default).</summary>
    public DateTime Deadline => deadline();

    public string Arg(int index) => index < Arguments.Count ? Arguments[index] : "";

    public string? One(string option) => Options.One(option);

    public IReadOnlyList<string> All(string option) => Options.All(option);

    public bool Has(string flag) => Options.Has(flag);
}
