using Grpc.Core;
using Npgsql;
using Qweeby.Routing.Core.Security;
using Qweeby.Routing.Data.Security;

namespace Qweeby.Routing.Bench.Hosts;

/// <summary>
/// The bench's API key, written as <c>qweeby credentials create --name bench --role resolve --role submit
/// --all-entities</c> would, and the call metadata carrying it.
/// </summary>
public static class BenchCredentials
{
    public static async Task<Metadata> IssueAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        var token = ApiKeyToken.Generate();
        await new ApiKeyStore(db).CreateAsync(
            new ApiKey(token.KeyId, "bench", [Role.Resolve, Role.Submit], EntityScope.All, token.SecretHash(), DateTimeOffset.UtcNow, "bench", null),
            ct);
        return new Metadata { { "authorization", $"Bearer {token.Value}" } };
    }
}
