namespace Qweeby.Routing.Cli.Admin;

/// <summary>The command line is wrong (exit code 2); the message says what to change.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
