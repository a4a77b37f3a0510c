using Microsoft.Extensions.Logging.Abstractions;
using Qweeby.Routing.Core.Security;
using Qweeby.Routing.Data.Postgres;
using Qweeby.Routing.Data.Security;

namespace Qweeby.Routing.IntegrationTests.Infrastructure;

/// <summary>
/// API keys written straight into a test database (migrating it first), as <c>qweeby credentials create</c>
/// would. Returns the token to send: <c>host.CallInvokerFor(token)</c>.
/// </summary>
public static class TestCredentials
{
    /// <summary>
    /// A key with <paramref name="roles"/> for <paramref name="entities"/>, or for all entities when none
    /// are given. Unlike the CLI, no rule is enforced: tests may need odd keys.
    /// </summary>
    public static async Task<string> IssueAsync(TestDatabase database, Role[] roles, Guid[]? entities = null, string name = "test key")
    {
        await MigrateAsync(database);
        var token = ApiKeyToken.Generate();
        var scope = entities is { Length: > 0 } ? EntityScope.Of(entities) : EntityScope.All;
        await new ApiKeyStore(database.DataSource).CreateAsync(
            new ApiKey(token.KeyId, name, roles, scope, token.SecretHash(), DateTimeOffset.UtcNow, "tests", null),
            CancellationToken.None);
        return token.Value;
    }

    public static async Task RevokeAsync(TestDatabase database, string token)
    {
        if (!ApiKeyToken.TryParse(token, out var parsed))
            throw new ArgumentException("Not an API key token.", nameof(token));
        await new ApiKeyStore(database.DataSource).RevokeAsync(parsed.KeyId, DateTimeOffset.UtcNow, "tests", CancellationToken.None);
    }

    /// <summary>A well-formed token whose key does not exist.</summary>
    public static string Unknown() => ApiKeyToken.Generate().Value;

    internal static Task MigrateAsync(TestDatabase database) =>
        new MigrationRunner(database.DataSource, NullLogger<MigrationRunner>.Instance).MigrateAsync(CancellationToken.None);
}
