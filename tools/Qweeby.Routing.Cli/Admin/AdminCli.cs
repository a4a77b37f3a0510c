using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace Qweeby.Routing.Cli.Admin;

/// <summary>Runs the admin commands (<see cref="AdminCommands"/>): parse, connect, call, print, and an exit code per outcome.</summary>
internal static class AdminCli
{
    private static readonly string[] CommonValued = ["--address", "--token", "--config", "--timeout"];
    private static readonly string[] CommonFlags = ["--json"];

    public static bool IsGroup(string group) => AdminCommands.All.Any(c => c.Group == group);

    public static async Task<int> RunAsync(string group, string[] args, TextWriter output, TextWriter error)
    {
        var commands = AdminCommands.All.Where(c => c.Group == group).ToList();
        if (args is [] or ["--help" or "-h"])
        {
            await output.WriteLineAsync(GroupHelp(group, commands));
            return args.Length == 0 ? CliApp.Usage : CliApp.Ok;
        }
        var command = commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
            return await UsageAsync(error, $"Unknown command 'qweeby {group} {args[0]}'. Run 'qweeby {group} --help'.");
        if (args.Skip(1).Any(a => a is "--help" or "-h"))
        {
            await output.WriteLineAsync(CommandHelp(command));
            return CliApp.Ok;
        }
        var arguments = new List<string>();
        var options = CliOptions.Parse(args[1..], command.Valued.Concat(CommonValued).ToHashSet(), command.Flags.Concat(CommonFlags).ToHashSet(), out var problem, arguments);
        if (options is null)
            return await UsageAsync(error, $"{problem} Run 'qweeby {group} {command.Name} --help'.");
        if (arguments.Count < command.Required || arguments.Count > command.Arguments.Length)
            return await UsageAsync(error, $"'qweeby {group} {command.Name}' takes {string.Join(' ', command.Arguments)}. Usage: {command.Usage}");
        try
        {
            return await CallAsync(command, arguments, options, output, error);
        }
        catch (CliUsageException e)
        {
            return await UsageAsync(error, e.Message);
        }
    }

    private static async Task<int> CallAsync(AdminCommand command, List<string> arguments, CliOptions options, TextWriter output, TextWriter error)
    {
        var connection = CliConnection.From(options, command.OnRoutingHost);
        var seconds = options.One("--timeout") is { } t ? (int.TryParse(t, out var s) && s > 0 ? s : throw new CliUsageException("--timeout takes a number of seconds.")) : 30;
        using var channel = GrpcChannel.ForAddress(connection.Address, new GrpcChannelOptions { MaxSendMessageSize = null, MaxReceiveMessageSize = null });
        CallInvoker invoker = connection.Token is null ? channel.CreateCallInvoker()
            : channel.Intercept(metadata =>
            {
                metadata.Add("authorization", $"Bearer {connection.Token}");
                return metadata;
            });
        try
        {
            var reply = await command.Run(new AdminCall(arguments, options, invoker, error, () => DateTime.UtcNow.AddSeconds(seconds)));
            if (options.Has("--json"))
                await output.WriteLineAsync(ReplyRenderer.ToJson(reply));
            else
                ReplyRenderer.Write(reply, output, command.Columns);
            return reply is Contracts.Admin.V1.ImportEntitiesReply e && Rejections.Count(e.RejectedCount, e.Rejected.Count) > 0
                || reply is Contracts.Admin.V1.ImportMirrorReply m && Rejections.Count(m.RejectedCount, m.Rejected.Count) > 0
                ? CliApp.Partial
                : CliApp.Ok;
        }
        catch (RpcException e)
        {
            await WriteFailureAsync(e, connection, error);
            return ExitCodeOf(e.StatusCode);
        }
    }

    /// <summary>Documented in 'qweeby --help' and the README.</summary>
    public static int ExitCodeOf(StatusCode code) => code switch
    {
        StatusCode.InvalidArgument or StatusCode.OutOfRange => CliApp.Usage,
        StatusCode.Unavailable or StatusCode.DeadlineExceeded => CliApp.Unavailable,
        StatusCode.NotFound => CliApp.NotFound,
        StatusCode.Unauthenticated or StatusCode.PermissionDenied => CliApp.Denied,
        StatusCode.AlreadyExists => CliApp.Conflict,
        StatusCode.FailedPrecondition => CliApp.Precondition,
        _ => CliApp.Failed,
    };

    private static async Task WriteFailureAsync(RpcException e, CliConnection connection, TextWriter error)
    {
        var status = e.GetRpcStatus();
        var info = status?.GetDetail<ErrorInfo>();
        await error.WriteLineAsync($"{e.StatusCode}{(info is null ? "" : $" ({info.Reason})")}: {status?.Message ?? e.Status.Detail}");
        foreach (var violation in status?.GetDetail<BadRequest>()?.FieldViolations ?? [])
            await error.WriteLineAsync($"  {violation.Field}: {violation.Reason}: {violation.Description}");
        foreach (var (key, value) in info?.Metadata ?? [])
            await error.WriteLineAsync($"  {key}: {value}");
        if (e.StatusCode == StatusCode.Unavailable)
            await error.WriteLineAsync($"  Is the host running at {connection.Address}? (--address, QWEEBY_ADMIN_ADDRESS, QWEEBY_ROUTING_ADDRESS)");
        if (e.StatusCode == StatusCode.Unauthenticated && connection.Token is null)
            await error.WriteLineAsync("  No token: set QWEEBY_TOKEN, pass --token, or put it in the config file.");
    }

    private static async Task<int> UsageAsync(TextWriter error, string problem)
    {
        await error.WriteLineAsync(problem);
        return CliApp.Usage;
    }

    private static string GroupHelp(string group, List<AdminCommand> commands) =>
        $"qweeby {group}: {AdminCommands.GroupSummary(group)}\n\n"
        + string.Join("\n", commands.Select(c => $"  {c.Usage}\n      {c.Summary}"))
        + $"\n\n{Common}\nRun 'qweeby {group} <command> --help' for one command.";

    private static string CommandHelp(AdminCommand c) => $"{c.Usage}\n\n  {c.Summary}\n\n{Common}";

    private const string Common = """
        Every admin command takes:
          --address URL   the admin host (default $QWEEBY_ADMIN_ADDRESS, the config file, then http://127.0.0.1:5081);
                          for transmissions show/list, the routing host ($QWEEBY_ROUTING_ADDRESS, config
                          "routing_address", then http://127.0.0.1:5080)
          --token TOKEN   the API key (default $QWEEBY_TOKEN, then the config file's "token")
          --config FILE   a JSON config {"address": ..., "token": ...} (default $QWEEBY_CONFIG, then ~/.config/qweeby/config.json)
          --timeout SEC   deadline of the call (default 30)
          --json          print the reply as JSON (for scripts) instead of a table
        Entities are named by any identifier (0009:55203253400646, a SIRET, SIREN or VAT number) or their entity id.
        """;
}
