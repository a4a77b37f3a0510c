using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Qweeby.Routing.Contracts.Admin.V1;

namespace Qweeby.Routing.Cli.Admin;

/// <summary>qweeby providers: service providers and registrations.</summary>
internal static class ProviderCommands
{
    private static ServiceProviders.ServiceProvidersClient Client(AdminCall c) => new(c.Invoker);

    private static readonly string[] CertificateOptions = ["--cert-sha256", "--cert-file", "--cert-subject"];

    public static readonly AdminCommand[] All =
    [
        new("providers", "list", [], "Lists service providers.", [], [],
            async c => await Client(c).ListProvidersAsync(new ListProvidersRequest(), deadline: c.Deadline),
            ["provider_id", "name", "channel", "endpoint", "active", "client_cert_sha256"]),
        new("providers", "register", ["PROVIDER_ID"],
            "Registers a provider; --cert-file PEM (or --cert-sha256) is the partner's client certificate.",
            ["--name", "--endpoint", "--channel", .. CertificateOptions], [],
            async c =>
            {
                var (sha, subject) = Certificate(c);
                return await Client(c).RegisterProviderAsync(new RegisterProviderRequest
                {
                    ProviderId = c.Arg(0), Name = c.One("--name") ?? "", Endpoint = c.One("--endpoint") ?? "", Channel = c.One("--channel") ?? "",
                    ClientCertSha256 = sha ?? "", ClientCertSubject = subject ?? "",
                }, deadline: c.Deadline);
            }),
        new("providers", "update", ["PROVIDER_ID"], "Changes a provider; --no-cert removes its certificate.",
            ["--name", "--endpoint", "--channel", .. CertificateOptions], ["--no-cert"],
            async c =>
            {
                var request = new UpdateProviderRequest { ProviderId = c.Arg(0) };
                if (c.One("--name") is { } name)
                    request.Name = name;
                if (c.One("--endpoint") is { } endpoint)
                    request.Endpoint = endpoint;
                if (c.One("--channel") is { } channel)
                    request.Channel = channel;
                var (sha, subject) = Certificate(c);
                if (c.Has("--no-cert"))
                    (request.ClientCertSha256, request.ClientCertSubject) = ("", "");
                if (sha is not null)
                    request.ClientCertSha256 = sha;
                if (subject is not null)
                    request.ClientCertSubject = subject;
                return await Client(c).UpdateProviderAsync(request, deadline: c.Deadline);
            }),
        new("providers", "suspend", ["PROVIDER_ID"], "Suspends a provider: routing skips it at once, its certificate is refused.", [], [],
            async c => await Client(c).SuspendProviderAsync(new ProviderRef { ProviderId = c.Arg(0) }, deadline: c.Deadline)),
        new("providers", "reactivate", ["PROVIDER_ID"], "Reactivates a suspended provider.", [], [],
            async c => await Client(c).ReactivateProviderAsync(new ProviderRef { ProviderId = c.Arg(0) }, deadline: c.Deadline)),
        new("providers", "register-entity", ["PROVIDER_ID", "ENTITY"],
            "Registers an entity at a provider for --document-type values (none: every type); --default makes it the default.",
            ["--document-type"], ["--default"],
            async c => await Client(c).RegisterEntityAsync(new RegisterEntityRequest
            {
                ProviderId = c.Arg(0), Entity = c.Arg(1), DocumentTypes = { c.All("--document-type") }, IsDefault = c.Has("--default"),
            }, deadline: c.Deadline)),
        new("providers", "set-default", ["ENTITY", "PROVIDER_ID"], "Chooses the entity's default provider among its registrations.", [], [],
            async c => await Client(c).SetDefaultProviderAsync(new SetDefaultProviderRequest { Entity = c.Arg(0), ProviderId = c.Arg(1) }, deadline: c.Deadline)),
    ];

    /// <summary>The SHA-256 (DER) and subject of --cert-file, or --cert-sha256 and --cert-subject as given.</summary>
    private static (string? Sha256, string? Subject) Certificate(AdminCall c)
    {
        if (c.One("--cert-file") is not { } path)
            return (c.One("--cert-sha256"), c.One("--cert-subject"));
        if (!File.Exists(path))
            throw new CliUsageException($"No certificate file {path}.");
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificateFromFile(path);
            return (Convert.ToHexStringLower(SHA256.HashData(certificate.RawData)), c.One("--cert-subject") ?? certificate.Subject);
        }
        catch (CryptographicException e)
        {
            throw new CliUsageException($"{path} is not a certificate (PEM or DER): {e.Message}");
        }
    }
}
