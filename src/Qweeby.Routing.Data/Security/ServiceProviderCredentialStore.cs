using Npgsql;
using Qweeby.Routing.Core.Security;

namespace Qweeby.Routing.Data.Security;

/// <summary>Client certificate → service provider, by the certificate's SHA-256 (<c>service_provider.client_cert_sha256</c>).</summary>
public sealed class ServiceProviderCredentialStore(NpgsqlDataSource dataSource)
{
    /// <param name="certificateSha256">SHA-256 of the certificate's DER bytes, lowercase hex.</param>
    public async Task<ServiceProviderCredential?> FindByCertificateAsync(string certificateSha256, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT provider_id, name, status FROM service_provider WHERE client_cert_sha256 = $1
            """);
        cmd.Parameters.Add(new() { Value = certificateSha256 });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
            return null;
        return new ServiceProviderCredential(reader.GetString(0), reader.GetString(1), reader.GetString(2) == "suspended");
    }
}
