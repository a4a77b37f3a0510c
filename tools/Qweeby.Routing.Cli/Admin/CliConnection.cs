using System.Text.Json;

namespace Qweeby.Routing.Cli.Admin;

/// <summary>
/// Where the host is and which token to send: <c>--address</c>/<c>--token</c>, else <c>QWEEBY_ADMIN_ADDRESS</c> (or
/// <c>QWEEBY_ROUTING_ADDRESS</c> for the routing host's transmission queries)/<c>QWEEBY_TOKEN</c>, else the config file
/// (<c>--config</c>, <c>QWEEBY_CONFIG</c>, or <c>~/.config/qweeby/config.json</c>:
/// <c>{"address": "http://127.0.0.1:5081", "routing_address": "http://127.0.0.1:5080", "token": "qk_..."}</c>), else the
/// local hosts without a token.
/// </summary>
internal sealed record CliConnection(string Address, string? Token)
{
    public const string DefaultAddress = "http://127.0.0.1:5081";
    public const string DefaultRoutingAddress = "http://127.0.0.1:5080";

    public static CliConnection From(CliOptions options, bool routingHost = false)
    {
        var config = ReadConfig(options.One("--config") ?? Environment.GetEnvironmentVariable("QWEEBY_CONFIG") ?? DefaultConfigPath(), options.One("--config") is not null);
        var address = options.One("--address")
            ?? (routingHost
                ? NonEmpty(Environment.GetEnvironmentVariable("QWEEBY_ROUTING_ADDRESS")) ?? config.RoutingAddress ?? DefaultRoutingAddress
                : NonEmpty(Environment.GetEnvironmentVariable("QWEEBY_ADMIN_ADDRESS")) ?? config.Address ?? DefaultAddress);
        var token = options.One("--token") ?? NonEmpty(Environment.GetEnvironmentVariable("QWEEBY_TOKEN")) ?? config.Token;
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new CliUsageException($"The admin address '{address}' is not an http:// or https:// URL.");
        return new CliConnection(address, token);
    }

    public static string DefaultConfigPath()
    {
        var home = NonEmpty(Environment.GetEnvironmentVariable("XDG_CONFIG_HOME"))
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(home, "qweeby", "config.json");
    }

    private static (string? Address, string? RoutingAddress, string? Token) ReadConfig(string path, bool explicitlyAsked)
    {
        if (!File.Exists(path))
            return explicitlyAsked ? throw new CliUsageException($"No config file {path}.") : (null, null, null);
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            return (Read(json.RootElement, "address"), Read(json.RootElement, "routing_address"), Read(json.RootElement, "token"));
        }
        catch (JsonException e)
        {
            throw new CliUsageException($"The config file {path} is not JSON ({e.Message}): expected {{\"address\": \"...\", \"token\": \"qk_...\"}}.");
        }
    }

    private static string? Read(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? NonEmpty(value.GetString()) : null;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
