using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Qweeby.Routing.IntegrationTests.Infrastructure;

/// <summary>Service providers (partner access points) registered straight into a test database with their client certificate.</summary>
public static class TestProviders
{
    public static async Task RegisterAsync(TestDatabase database, string providerId, X509Certificate2 clientCertificate, bool suspended = false)
    {
        await TestCredentials.MigrateAsync(database);
        await using var cmd = database.DataSource.CreateCommand("""
            INSERT INTO service_provider (provider_id, name, endpoint, channel, status, client_cert_subject, client_cert_sha256)
            VALUES ($1, $2, $3, 'interoperability', $4, $5, $6)
            """);
        cmd.Parameters.Add(new() { Value = providerId });
        cmd.Parameters.Add(new() { Value = $"{providerId} access point" });
        cmd.Parameters.Add(new() { Value = $"https://{providerId}.example:443" });
        cmd.Parameters.Add(new() { Value = suspended ? "suspended" : "active" });
        cmd.Parameters.Add(new() { Value = clientCertificate.Subject });
        cmd.Parameters.Add(new() { Value = Convert.ToHexStringLower(SHA256.HashData(clientCertificate.RawData)) });
        await cmd.ExecuteNonQueryAsync();
    }
}
