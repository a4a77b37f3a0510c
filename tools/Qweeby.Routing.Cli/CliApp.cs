using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Qweeby.Routing.Cli.Admin;

namespace Qweeby.Routing.Cli;

/// <summary>The <c>qweeby</c> command line for administrators and operators.</summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;
    public const int Unavailable = 3;
    public const int NotFound = 4;
    public const int Denied = 5;
    public const int Conflict = 6;
    public const int Precondition = 7;
    public const int Partial = 8;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            await output.WriteLineAsync(Help);
            return args.Length == 0 ? Usage : Ok;
        }
        return args[0] switch
        {
            "health" => await HealthAsync(args[1..], output, error),
            "credentials" => await CredentialsCommand.RunAsync(args[1..], output, error),
            var group when AdminCli.IsGroup(group) => await AdminCli.RunAsync(group, args[1..], output, error),
            _ => await UnknownAsync(args[0], error),
        };
    }

    private static async Task<int> HealthAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args is ["--help" or "-h"])
        {
            await output.WriteLineAsync("qweeby health [--address URL]\n  Asks a host's grpc.health.v1 service; exit 0 when SERVING.\n  URL defaults to $QWEEBY_ADMIN_ADDRESS, then http://127.0.0.1:5081.");
            return Ok;
        }
        var address = args is ["--address", var a] ? a
            : Environment.GetEnvironmentVariable("QWEEBY_ADMIN_ADDRESS") ?? "http://127.0.0.1:5081";
        using var channel = GrpcChannel.ForAddress(address);
        try
        {
            var reply = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(5));
            await output.WriteLineAsync($"{address}: {reply.Status}");
            return reply.Status == HealthCheckResponse.Types.ServingStatus.Serving ? Ok : Unavailable;
        }
        catch (RpcException e)
        {
            await error.WriteLineAsync($"{address}: {e.StatusCode} ({e.Status.Detail})");
            return Unavailable;
        }
    }

    private static async Task<int> UnknownAsync(string command, TextWriter error)
    {
        await error.WriteLineAsync($"Unknown command '{command}'. Run 'qweeby --help'.");
        return Usage;
    }

    private const string Help = """
        qweeby: administer Qweeby Routing through its admin host.

        Commands:
          health       Check that a host answers SERVING.
          credentials  Create, revoke and list API keys (straight in Postgres).
          settings     An entity's customer and supplier directories, open or closed.
          suppliers    A receiver's supplier directory: pending suppliers, approve, revoke.
          customers    A supplier's customer directory: add, numbers, pin, deactivate, delete, list.
          consent      Consent before e-invoicing: request, accept, refuse.
          activation   Routing activation towards customers at other providers.
          entities     Create, show, update, deactivate and reactivate entities.
          contacts     Add an entity's contacts.
          providers    Service providers and entities' registrations at them.
          import       Bulk import of entities from CSV, with a progress bar.
          audit        Who changed what, when, before and after.
          transmissions  Operators: show and list transmissions, replay a failed or dead-lettered one.

        Run 'qweeby <command> --help' for a command's subcommands and options. Admin commands reach the admin
        host at --address / $QWEEBY_ADMIN_ADDRESS with --token / $QWEEBY_TOKEN (or ~/.config/qweeby/config.json)
        and print tables, or JSON with --json.
        Exit codes: 0 ok, 1 unexpected failure, 2 usage error or invalid argument, 3 host or database unavailable,
        4 not found, 5 unauthenticated or permission denied, 6 already exists (conflict), 7 failed precondition,
        8 import done with rejected rows.
        """;
}
