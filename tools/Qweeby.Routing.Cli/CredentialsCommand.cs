using System.Text.Json;
using Npgsql;
using Qweeby.Routing.Core.Security;
using Qweeby.Routing.Data.Security;

namespace Qweeby.Routing.Cli;

/// <summary>
/// <c>qweeby credentials create|revoke|list</c>: API keys, straight in Postgres. An operator's bootstrap
/// tool: the first platform administrator's key cannot come from an API that needs a key.
/// </summary>
internal static class CredentialsCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args is [] or ["--help" or "-h"])
        {
            await output.WriteLineAsync(Help);
            return args.Length == 0 ? CliApp.Usage : CliApp.Ok;
        }
        if (args.Length > 1 && args[1] is "--help" or "-h")
        {
            await output.WriteLineAsync(Help);
            return CliApp.Ok;
        }
        var (valued, flags) = args[0] switch
        {
            "create" => (new HashSet<string> { "--name", "--role", "--entity", "--created-by", "--postgres" }, new HashSet<string> { "--all-entities", "--json" }),
            "revoke" => (["--key-id", "--revoked-by", "--postgres"], ["--json"]),
            "list" => (["--postgres"], ["--json"]),
            _ => ((HashSet<string>?)null, (HashSet<string>?)null),
        };
        if (valued is null || flags is null)
            return await UsageAsync(error, $"Unknown credentials command '{args[0]}'.");
        var options = CliOptions.Parse(args[1..], valued, flags, out var problem);
        if (options is null)
            return await UsageAsync(error, problem!);

        NpgsqlDataSource dataSource;
        try
        {
            dataSource = NpgsqlDataSource.Create(options.PostgresConnectionString());
        }
        catch (ArgumentException e)
        {
            return await UsageAsync(error, $"The Postgres connection string is malformed ({e.Message}).");
        }
        await using (dataSource)
        {
            var store = new ApiKeyStore(dataSource);
            try
            {
                return args[0] switch
                {
                    "create" => await CreateAsync(store, options, output, error),
                    "revoke" => await RevokeAsync(store, options, output, error),
                    _ => await ListAsync(store, options, output),
                };
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
            {
                await error.WriteLineAsync("The database has no api_key table: apply the migrations first ('dotnet Qweeby.Routing.Server.dll migrate').");
                return CliApp.Unavailable;
            }
            catch (NpgsqlException e)
            {
                await error.WriteLineAsync($"Postgres does not answer ({e.Message}): check --postgres or ConnectionStrings__Postgres.");
                return CliApp.Unavailable;
            }
        }
    }

    private static async Task<int> CreateAsync(ApiKeyStore store, CliOptions options, TextWriter output, TextWriter error)
    {
        var roles = new List<Role>();
        foreach (var text in options.All("--role"))
        {
            if (!RoleNames.TryParse(text, out var role))
                return await UsageAsync(error, $"Unknown role '{text}': use {string.Join(", ", RoleNames.All.Where(r => r != "partner"))}.");
            roles.Add(role);
        }
        var entities = new List<Guid>();
        foreach (var text in options.All("--entity"))
        {
            if (!Guid.TryParse(text, out var entity))
                return await UsageAsync(error, $"--entity '{text}' is not an entity id (a UUID such as 6f1c2d3e-0000-4000-8000-000000000001).");
            entities.Add(entity);
        }
        if (options.Has("--all-entities") && entities.Count > 0)
            return await UsageAsync(error, "Give --entity ids or --all-entities, not both.");
        var scope = options.Has("--all-entities") ? EntityScope.All : EntityScope.Of(entities);
        var name = options.One("--name");
        roles = roles.Distinct().ToList();
        if (CredentialRules.Problem(name, roles, scope) is { } problem)
            return await UsageAsync(error, problem);

        var unknown = entities.Count == 0 ? [] : await store.UnknownEntitiesAsync(entities, CancellationToken.None);
        if (unknown.Count > 0)
        {
            await error.WriteLineAsync($"No entity {string.Join(", ", unknown)} in the directory: check the ids (the key would act for nothing).");
            return CliApp.NotFound;
        }

        var token = ApiKeyToken.Generate();
        var key = new ApiKey(token.KeyId, name!.Trim(), roles, CredentialRules.Normalize(roles, scope), token.SecretHash(),
            TimeProvider.System.GetUtcNow(), options.One("--created-by") ?? Operator(), null);
        await store.CreateAsync(key, CancellationToken.None);

        if (options.Has("--json"))
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(new CreatedKey(Describe(key), token.Value), Json));
            return CliApp.Ok;
        }
        await output.WriteLineAsync($"Created API key {key.KeyId} '{key.Name}': {string.Join(", ", roles.Select(r => r.ToName()))}, {ScopeText(key.Scope)}.");
        await output.WriteLineAsync("Token, shown once (store it now; only its hash is kept):");
        await output.WriteLineAsync(token.Value);
        await output.WriteLineAsync("Send it as gRPC metadata 'authorization: Bearer <token>'. Revoke with: qweeby credentials revoke --key-id " + key.KeyId);
        return CliApp.Ok;
    }

    private static async Task<int> RevokeAsync(ApiKeyStore store, CliOptions options, TextWriter output, TextWriter error)
    {
        var keyId = options.One("--key-id");
        if (keyId is null || !ApiKeyToken.IsKeyId(keyId))
            return await UsageAsync(error, "--key-id needs a key id: 16 lowercase hex digits, as 'qweeby credentials list' shows.");
        if (!await store.RevokeAsync(keyId, TimeProvider.System.GetUtcNow(), options.One("--revoked-by") ?? Operator(), CancellationToken.None))
        {
            await error.WriteLineAsync($"No API key {keyId}: see 'qweeby credentials list'.");
            return CliApp.NotFound;
        }
        var key = await store.FindAsync(keyId, CancellationToken.None);
        if (options.Has("--json"))
            await output.WriteLineAsync(JsonSerializer.Serialize(Describe(key!), Json));
        else
            await output.WriteLineAsync($"Revoked API key {keyId} '{key!.Name}' at {key.RevokedAt:u}. Hosts refuse it within their credential cache time (Security:CredentialCacheSeconds, 5 s by default).");
        return CliApp.Ok;
    }

    private static async Task<int> ListAsync(ApiKeyStore store, CliOptions options, TextWriter output)
    {
        var keys = await store.ListAsync(CancellationToken.None);
        if (options.Has("--json"))
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(keys.Select(Describe), Json));
            return CliApp.Ok;
        }
        string[] header = ["KEY ID", "NAME", "ROLES", "ENTITIES", "CREATED", "REVOKED"];
        var rows = keys.Select(k => new[]
        {
            k.KeyId, k.Name, string.Join(",", k.Roles.Select(r => r.ToName())), ScopeText(k.Scope),
            $"{k.CreatedAt:u} by {k.CreatedBy}", k.RevokedAt is { } at ? $"{at:u}" : "-",
        }).ToList();
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        foreach (var row in rows.Prepend(header))
            await output.WriteLineAsync(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        return CliApp.Ok;
    }

    private static KeyDescription Describe(ApiKey key) => new(key.KeyId, key.Name, key.Roles.Select(r => r.ToName()).ToArray(),
        key.Scope.IsAll, key.Scope.Entities.Select(e => e.ToString()).ToArray(), key.CreatedAt, key.CreatedBy, key.RevokedAt);

    private static string ScopeText(EntityScope scope) =>
        scope.IsAll ? "all entities" : string.Join(",", scope.Entities);

    private static string Operator() => $"{Environment.UserName}@{Environment.MachineName} (qweeby cli)";

    private static async Task<int> UsageAsync(TextWriter error, string problem)
    {
        await error.WriteLineAsync($"{problem} Run 'qweeby credentials --help'.");
        return CliApp.Usage;
    }

    private sealed record KeyDescription(string KeyId, string Name, string[] Roles, bool AllEntities, string[] EntityIds,
        DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt);

    private sealed record CreatedKey(KeyDescription Key, string Token);

    private const string Help = """
        qweeby credentials: API keys of internal callers and administrators, written straight to Postgres.

          qweeby credentials create --name NAME --role ROLE [--role ROLE ...]
                                    [--entity ENTITY_UUID ... | --all-entities] [--created-by WHO] [--json]
              Creates a key and prints its token once. Roles: resolve, submit, account_administrator,
              platform_administrator, operator. Platform administrators and operators act for every entity;
              other roles need --entity ids (or --all-entities for internal platform services; not for
              account administrators), so an operator key has none of them: give them a separate key.
              Partners get no key: they authenticate with their client certificate.
          qweeby credentials revoke --key-id KEY_ID [--revoked-by WHO] [--json]
              Revokes a key; hosts refuse it within Security:CredentialCacheSeconds (5 s by default).
          qweeby credentials list [--json]
              Every key, revoked ones included; never a secret.

        Every command takes --postgres CONNSTR (default: $ConnectionStrings__Postgres, then the local
        database on 127.0.0.1:5433). Exit codes: 0 ok, 2 usage error, 3 Postgres unavailable or not
        migrated, 4 no such key or entity.
        """;
}
