using Google.Protobuf;

namespace Qweeby.Routing.Cli.Admin;

/// <summary>
/// One <c>qweeby GROUP NAME</c> command driving the admin host: its arguments, options, what it calls and how its
/// reply reads as a table (<see cref="Columns"/> of a list reply; everything by default).
/// </summary>
/// <param name="Arguments">Positional arguments, e.g. ["ENTITY", "open|closed"]; a trailing "[X]" is optional.</param>
/// <param name="OnRoutingHost">Calls the routing host (transmission queries) rather than the admin host.</param>
internal sealed record AdminCommand(
    string Group,
    string Name,
    string[] Arguments,
    string Summary,
    string[] Valued,
    string[] Flags,
    Func<AdminCall, Task<IMessage>> Run,
    string[]? Columns = null,
    bool OnRoutingHost = false)
{
    public int Required => Arguments.Count(a => !a.StartsWith('['));

    public string Usage
    {
        get
        {
            var options = Valued.Select(o => $"[{o} {o.TrimStart('-').Replace('-', '_').ToUpperInvariant()}]").Concat(Flags.Select(f => $"[{f}]"));
            return string.Join(' ', new[] { "qweeby", Group, Name }.Concat(Arguments).Concat(options));
        }
    }
}
