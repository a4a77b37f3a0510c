using Npgsql;

namespace Qweeby.Routing.Data.Postgres;

/// <summary>Drops a whole database (the tests' and the bench's throwaway ones), whoever is still connected to it.</summary>
public static class DatabaseDrop
{
    /// <summary>
    /// <c>DROP DATABASE … WITH (FORCE)</c>, tried again for a while when Postgres 15 refuses it with 42501: FORCE
    /// cannot signal an autovacuum worker (it has no role a non-superuser may signal), and one often runs in a
    /// database just loaded. The worker is gone within moments.
    /// </summary>
    public static async Task DropAsync(string adminConnection, string database, CancellationToken ct = default)
    {
        await using var admin = new NpgsqlConnection(adminConnection);
        await admin.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database.Replace("\"", "\"\"")}\" WITH (FORCE)", admin);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await cmd.ExecuteNonQueryAsync(ct);
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, ct);
            }
        }
    }
}
