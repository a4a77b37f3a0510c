using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Qweeby.Routing.Hosting.Options;

public sealed class EndpointOptionsValidator : IValidateOptions<EndpointOptions>
{
    public ValidateOptionsResult Validate(string? name, EndpointOptions options)
    {
        const string setting = $"{EndpointOptions.Section}:Url";
        if (string.IsNullOrWhiteSpace(options.Url))
            return ValidateOptionsResult.Fail($"{setting} is missing: set it to the address to listen on, such as 'http://127.0.0.1:5080'.");
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || uri.AbsolutePath != "/"
            || !options.Url.Contains(':', StringComparison.Ordinal)
            || uri.IsDefaultPort && !HasExplicitPort(options.Url))
            return ValidateOptionsResult.Fail($"{setting} '{options.Url}' is malformed: use 'http://host:port' or 'https://host:port' with an explicit port.");
        var tls = TlsProblems(options, uri.Scheme == "https").ToList();
        return tls.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(tls);
    }

    private static IEnumerable<string> TlsProblems(EndpointOptions options, bool https)
    {
        const string s = EndpointOptions.Section;
        if (!https)
        {
            if (options.ClientCertificates != ClientCertificates.None || options.CertificatePath is not null)
                yield return $"{s}:ClientCertificates and {s}:CertificatePath need TLS: use an 'https://host:port' {s}:Url.";
            yield break;
        }
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
            yield return $"{s}:CertificatePath is missing: an https endpoint needs its server certificate (PEM with {s}:CertificateKeyPath, or .pfx).";
        else if (!File.Exists(options.CertificatePath))
            yield return $"{s}:CertificatePath '{options.CertificatePath}' does not exist.";
        else if (!IsPkcs12(options.CertificatePath) && string.IsNullOrWhiteSpace(options.CertificateKeyPath))
            yield return $"{s}:CertificateKeyPath is missing: a PEM {s}:CertificatePath needs its private key file.";
        if (!string.IsNullOrWhiteSpace(options.CertificateKeyPath) && !File.Exists(options.CertificateKeyPath))
            yield return $"{s}:CertificateKeyPath '{options.CertificateKeyPath}' does not exist.";
        else if (File.Exists(options.CertificatePath) && CertificateProblem(options) is { } problem)
            yield return $"{s}:CertificatePath '{options.CertificatePath}' cannot be loaded ({problem}): check the file, its key and password.";
        if (!string.IsNullOrWhiteSpace(options.ClientCertificateAuthorityPath))
        {
            if (options.ClientCertificates == ClientCertificates.None)
                yield return $"{s}:ClientCertificateAuthorityPath is set but {s}:ClientCertificates is None: set it to Allow or Require.";
            if (!File.Exists(options.ClientCertificateAuthorityPath))
                yield return $"{s}:ClientCertificateAuthorityPath '{options.ClientCertificateAuthorityPath}' does not exist.";
            else if (!HoldsPemCertificate(options.ClientCertificateAuthorityPath))
                yield return $"{s}:ClientCertificateAuthorityPath '{options.ClientCertificateAuthorityPath}' holds no PEM certificate.";
        }
    }

    // Loaded once here so that a bad file stops the host at start, naming the setting.
    private static string? CertificateProblem(EndpointOptions options)
    {
        try
        {
            using var certificate = IsPkcs12(options.CertificatePath!)
                ? X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath!, options.CertificatePassword)
                : X509Certificate2.CreateFromPemFile(options.CertificatePath!, options.CertificateKeyPath);
            return certificate.HasPrivateKey ? null : "no private key";
        }
        catch (CryptographicException e)
        {
            return e.Message;
        }
    }

    private static bool HoldsPemCertificate(string path)
    {
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(path);
            return authorities.Count > 0;
        }
        catch (CryptographicException)
        {
            return false;
        }
        finally
        {
            foreach (var authority in authorities)
                authority.Dispose();
        }
    }

    internal static bool IsPkcs12(string path) =>
        path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase);

    private static bool HasExplicitPort(string url) =>
        url.AsSpan(url.IndexOf("//", StringComparison.Ordinal) + 2).Contains(':');
}
